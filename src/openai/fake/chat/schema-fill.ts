/**
 * A value that satisfies a JSON schema, for Structured Outputs (`response_format.json_schema`).
 * Covers what `zodResponseFormat` and hand-written strict schemas produce: objects (required
 * properties filled), arrays (minItems, at least one item), strings (first enum value, const,
 * minLength), numbers within bounds, booleans, null, anyOf/oneOf (first branch), allOf (merged
 * objects), local `$ref`s. `pattern` and `format` are not honoured beyond date/date-time.
 */
type Schema = Record<string, unknown>;

export interface FillHints {
  /** The AR-LSAT letter the model chose: used for a string enum that contains it, or a string
   *  property whose name looks like an answer slot (answer, letter, choice, option). */
  letter?: string | undefined;
  /** Simulated now, for `format: date-time` / `date`. */
  now: Date;
}

const ANSWER_NAME = /answer|letter|choice|option/i;
const MAX_DEPTH = 32;

export const fillSchema = (root: Schema, hints: FillHints): unknown => fill(root, root, hints, undefined, 0);

const resolveRef = (root: Schema, ref: string): Schema => {
  if (!ref.startsWith('#')) return {};
  let node: unknown = root;
  for (const part of ref.slice(1).split('/').filter(Boolean)) {
    node = (node as Record<string, unknown> | undefined)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return (node as Schema | undefined) ?? {};
};

const firstType = (schema: Schema): string | undefined => {
  const t = schema['type'];
  if (Array.isArray(t)) return (t.find((x) => x !== 'null') ?? t[0]) as string | undefined;
  if (typeof t === 'string') return t;
  if (schema['properties']) return 'object';
  if (schema['items']) return 'array';
  return undefined;
};

const fill = (root: Schema, schema: Schema, hints: FillHints, name: string | undefined, depth: number): unknown => {
  if (depth > MAX_DEPTH) return null;
  if (typeof schema['$ref'] === 'string') return fill(root, resolveRef(root, schema['$ref']), hints, name, depth + 1);
  if ('const' in schema) return schema['const'];
  if (Array.isArray(schema['enum'])) {
    const values = schema['enum'];
    return hints.letter !== undefined && values.includes(hints.letter) ? hints.letter : values[0];
  }
  const branches = (schema['anyOf'] ?? schema['oneOf']) as Schema[] | undefined;
  if (Array.isArray(branches) && branches.length > 0) {
    const nonNull = branches.find((b) => b['type'] !== 'null') ?? branches[0]!;
    return fill(root, nonNull, hints, name, depth + 1);
  }
  if (Array.isArray(schema['allOf'])) {
    const parts = (schema['allOf'] as Schema[]).map((s) => fill(root, s, hints, name, depth + 1));
    return parts.every((p) => p !== null && typeof p === 'object' && !Array.isArray(p)) ? Object.assign({}, ...parts) : parts[0];
  }
  switch (firstType(schema)) {
    case 'object': {
      const props = (schema['properties'] ?? {}) as Record<string, Schema>;
      const required = Array.isArray(schema['required']) ? (schema['required'] as string[]) : [];
      const out: Record<string, unknown> = {};
      for (const key of required) out[key] = fill(root, props[key] ?? {}, hints, key, depth + 1);
      return out;
    }
    case 'array': {
      const min = typeof schema['minItems'] === 'number' ? schema['minItems'] : 1;
      const max = typeof schema['maxItems'] === 'number' ? schema['maxItems'] : Infinity;
      const items = (Array.isArray(schema['prefixItems']) ? null : schema['items']) as Schema | undefined;
      return Array.from({ length: Math.min(Math.max(min, 1), max) }, () => fill(root, items ?? {}, hints, name, depth + 1));
    }
    case 'string':
      return stringFor(schema, hints, name);
    case 'integer':
    case 'number':
      return numberFor(schema, firstType(schema) === 'integer');
    case 'boolean':
      return false;
    case 'null':
      return null;
    default:
      return null;
  }
};

const stringFor = (schema: Schema, hints: FillHints, name: string | undefined): string => {
  if (schema['format'] === 'date-time') return hints.now.toISOString();
  if (schema['format'] === 'date') return hints.now.toISOString().slice(0, 10);
  let s = hints.letter !== undefined && name !== undefined && ANSWER_NAME.test(name) ? hints.letter : 'string';
  const min = typeof schema['minLength'] === 'number' ? schema['minLength'] : 0;
  const max = typeof schema['maxLength'] === 'number' ? schema['maxLength'] : Infinity;
  if (s.length < min) s = s.padEnd(min, 'x');
  return s.slice(0, max);
};

const numberFor = (schema: Schema, integer: boolean): number => {
  const num = (k: string) => (typeof schema[k] === 'number' ? (schema[k] as number) : undefined);
  const step = integer ? 1 : 0.5;
  let lo = num('minimum') ?? -Infinity;
  const exclusiveMin = num('exclusiveMinimum');
  if (exclusiveMin !== undefined) lo = Math.max(lo, exclusiveMin + step);
  let hi = num('maximum') ?? Infinity;
  const exclusiveMax = num('exclusiveMaximum');
  if (exclusiveMax !== undefined) hi = Math.min(hi, exclusiveMax - step);
  // 0 when allowed (the natural "empty" value), else the nearest bound.
  let v = Math.min(Math.max(0, lo), hi);
  if (integer) v = Number.isFinite(lo) && v === lo ? Math.ceil(v) : Math.floor(v);
  return v;
};
