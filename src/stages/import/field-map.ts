import { z } from 'zod';
import { dropReasons } from '../../pipeline/drop-codes.js';
import type { DropReason, Json } from '../../pipeline/item.js';

/** Codes of records whose mapped fields cannot be read (JSONL and CSV sources). */
export const FIELD_DROP_CODES = {
  missing_field: 'a mapped field, the id or the group is absent, null or empty (optional fields may be); detail: the fields and their paths',
  invalid_field: 'the id or group is neither a string nor a number; detail: the field and its path',
} as const;

const reason = dropReasons(FIELD_DROP_CODES);

/**
 * A mapped field: where its value is (a dotted path into a JSON record, `input.0.content`; for CSV
 * the header name as written) and whether a record may lack it. A bare string is a required field.
 */
export const fieldSpecSchema = z.union([
  z.string().min(1),
  z.strictObject({ path: z.string().min(1), optional: z.boolean().default(false) }),
]);

/** `fields: { outName: 'input.field.path' }`: what goes into `data`, under which names. */
export const fieldsSchema = z
  .record(z.string().min(1), fieldSpecSchema)
  .refine((fields) => Object.keys(fields).length > 0, 'map at least one field');

export interface Field {
  /** The name in `data` (or `id` / `group`). */
  name: string;
  path: string;
  optional: boolean;
}

export interface FieldPlan {
  fields: Field[];
  id?: Field | undefined;
  group?: Field | undefined;
}

export const fieldPlan = (
  fields: Record<string, z.output<typeof fieldSpecSchema>>,
  id: string | undefined,
  group: string | undefined,
): FieldPlan => ({
  fields: Object.entries(fields).map(([name, spec]) =>
    typeof spec === 'string' ? { name, path: spec, optional: false } : { name, path: spec.path, optional: spec.optional },
  ),
  id: id === undefined ? undefined : { name: 'id', path: id, optional: false },
  group: group === undefined ? undefined : { name: 'group', path: group, optional: false },
});

/** A dotted path into parsed JSON; a numeric segment indexes an array. */
export const getPath = (record: unknown, path: string): unknown => {
  let value = record;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    // Own keys only: a line without "constructor" must not map Object's constructor function.
    value = Array.isArray(value) ? value[Number(key)] : Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined;
  }
  return value;
};

export type Mapped = { data: Record<string, Json>; id?: string; group?: string };

/**
 * Applies a field plan to one record, through `lookup` (a JSON path or a CSV column). `undefined`
 * means absent: JSON null and an empty CSV cell count as absent too, since neither holds a value.
 * An id or group must be a string or a number, as it becomes a string key.
 */
export const mapFields = (plan: FieldPlan, lookup: (field: Field) => unknown): Mapped | DropReason => {
  const missing: Record<string, string> = {};
  const data: Record<string, Json> = {};
  for (const field of plan.fields) {
    const value = lookup(field);
    if (value === undefined || value === null) {
      if (!field.optional) missing[field.name] = field.path;
    } else data[field.name] = value as Json;
  }
  const keys: { id?: string; group?: string } = {};
  for (const field of [plan.id, plan.group]) {
    if (!field) continue;
    const value = lookup(field);
    if (value === undefined || value === null || value === '') missing[field.name] = field.path;
    else if (typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value))) keys[field.name as 'id' | 'group'] = String(value);
    else return reason('invalid_field', { field: field.name, path: field.path, message: `expected a string or a number, got ${Array.isArray(value) ? 'array' : typeof value}` });
  }
  if (Object.keys(missing).length > 0) return reason('missing_field', { fields: missing });
  return { data, ...keys };
};

export const isDrop = (result: Mapped | DropReason): result is DropReason => 'code' in result;
