import { z } from 'zod';

/**
 * One documented option of a zod object schema (stage options, pipeline parameters), read from the
 * schema itself so the reference, `tuneset stages` and `run --help` cannot drift from the code.
 */
export interface OptionDoc {
  /** Dotted for fields of a nested object: `selectors.content`. */
  path: string;
  /** A TypeScript-like rendering: `int >= 1`, `'lines' | 'collapse'`, `string[]`, `function`. */
  type: string;
  required: boolean;
  /** The schema's default as JSON. */
  default?: string;
  /** For an optional option without a default: what leaving it out means (`whenAbsent` metadata). */
  whenAbsent?: string;
  description: string;
}

/**
 * Metadata keys read besides `description` (set with `.meta({...})`): `type` names what the schema
 * cannot say itself (a `z.custom` function or `z.instanceof(URL)`); `whenAbsent` says what an
 * optional option without a schema default means when left out.
 */
export interface OptionMeta {
  description?: string;
  type?: string;
  whenAbsent?: string;
}

// zod v4 keeps a schema's structure in `_zod.def`; only the parts read here are typed.
interface Check {
  _zod: { def: { check: string; value?: number; inclusive?: boolean; format?: string } };
}
interface Def {
  type: string;
  format?: string;
  checks?: Check[];
  innerType?: z.ZodType;
  in?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
  shape?: Record<string, z.ZodType>;
  keyType?: z.ZodType;
  valueType?: z.ZodType;
  values?: unknown[];
  entries?: Record<string, string | number>;
  defaultValue?: unknown;
}

const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;
const metaOf = (s: z.ZodType): OptionMeta => (z.globalRegistry.get(s) ?? {}) as OptionMeta;
// Set ('optional', or 'defaulted' behind a default) when the input may leave the value out.
const optional = (s: z.ZodType): boolean => (s as unknown as { _zod: { optin?: string } })._zod.optin !== undefined;

// Wrappers that change neither what an option is nor how it is written by the user.
const WRAPPERS = new Set(['optional', 'default', 'prefault', 'nullable', 'readonly', 'catch', 'nonoptional']);

interface Unwrapped {
  core: z.ZodType;
  nullable: boolean;
  defaultValue?: unknown;
  hasDefault: boolean;
  meta: OptionMeta;
}

/** Peels optional/default/transform wrappers off, collecting metadata: the outermost value wins. */
const unwrap = (schema: z.ZodType): Unwrapped => {
  const meta: OptionMeta = {};
  let nullable = false;
  let hasDefault = false;
  let defaultValue: unknown;
  let s = schema;
  for (;;) {
    const m = metaOf(s);
    for (const k of ['description', 'type', 'whenAbsent'] as const) if (meta[k] === undefined && m[k] !== undefined) meta[k] = m[k];
    const def = defOf(s);
    if (def.type === 'default' && !hasDefault) {
      hasDefault = true;
      defaultValue = def.defaultValue;
    }
    if (def.type === 'nullable') nullable = true;
    if (WRAPPERS.has(def.type) && def.innerType) s = def.innerType;
    // A transform after parsing (`.transform(...)`): the user writes what the input side takes.
    else if (def.type === 'pipe' && def.in) s = def.in;
    else break;
  }
  return { core: s, nullable, hasDefault, defaultValue, meta };
};

const fmt = (n: number) => String(n);

/** Number bounds as written by hand: `>= 1`, `0..1`, `> 0, < 1`, plus `multiple of 4`. */
const numberBounds = (checks: readonly Check[]): string => {
  let lo: { value: number; inclusive: boolean } | undefined;
  let hi: { value: number; inclusive: boolean } | undefined;
  const extra: string[] = [];
  for (const c of checks) {
    const { check, value, inclusive } = c._zod.def;
    if (value === undefined) continue;
    if (check === 'greater_than') lo = { value, inclusive: inclusive ?? false };
    else if (check === 'less_than') hi = { value, inclusive: inclusive ?? false };
    else if (check === 'multiple_of') extra.push(`multiple of ${fmt(value)}`);
  }
  const parts: string[] = [];
  if (lo && hi && lo.inclusive && hi.inclusive) parts.push(`${fmt(lo.value)}..${fmt(hi.value)}`);
  else {
    if (lo) parts.push(`${lo.inclusive ? '>=' : '>'} ${fmt(lo.value)}`);
    if (hi) parts.push(`${hi.inclusive ? '<=' : '<'} ${fmt(hi.value)}`);
  }
  return [...parts, ...extra].join(', ');
};

const needsParens = (t: string) => t.includes(' | ') || t.includes(' ');

/**
 * The type of a schema as a user writes it. Bounds are shown only at the top (`top`): inside a
 * union or a list they would make the type unreadable, and the description says what matters.
 */
export const typeOf = (schema: z.ZodType, top = true): string => {
  const { core, nullable, meta } = unwrap(schema);
  const base = meta.type ?? coreType(core, top);
  return nullable ? `${base} | null` : base;
};

const coreType = (s: z.ZodType, top: boolean): string => {
  const def = defOf(s);
  switch (def.type) {
    case 'string':
      return def.format && def.format !== 'regex' ? def.format : 'string';
    case 'number': {
      // z.int() keeps its format on the def; z.number().int() adds it as a check.
      const formats = [def.format, ...(def.checks ?? []).map((c) => c._zod.def.format)];
      const name = formats.some((f) => f === 'safeint' || f === 'int32') ? 'int' : 'number';
      const bounds = top ? numberBounds(def.checks ?? []) : '';
      return bounds ? `${name} ${bounds}` : name;
    }
    case 'boolean':
    case 'null':
    case 'undefined':
    case 'bigint':
    case 'date':
    case 'unknown':
    case 'any':
      return def.type;
    case 'literal':
      return (def.values ?? []).map((v) => (typeof v === 'string' ? `'${v}'` : String(v))).join(' | ');
    case 'enum':
      return Object.values(def.entries ?? {})
        .map((v) => (typeof v === 'string' ? `'${v}'` : String(v)))
        .join(' | ');
    case 'array': {
      const el = typeOf(def.element!, false);
      return needsParens(el) ? `(${el})[]` : `${el}[]`;
    }
    case 'union': {
      const parts = (def.options ?? []).map((o) => typeOf(o, false));
      return [...new Set(parts)].join(' | ');
    }
    case 'record':
      return `Record<${typeOf(def.keyType!, false)}, ${typeOf(def.valueType!, false)}>`;
    case 'object': {
      const fields = Object.entries(def.shape ?? {}).map(([k, v]) => `${k}${optional(v) ? '?' : ''}: ${typeOf(v, false)}`);
      return `{ ${fields.join('; ')} }`;
    }
    case 'function':
      return 'function';
    default:
      // A z.custom without a `type` in its metadata: say so rather than guess.
      return def.type;
  }
};

const renderDefault = (u: Unwrapped): Pick<OptionDoc, 'default' | 'whenAbsent'> => {
  if (u.hasDefault) return { default: typeof u.defaultValue === 'function' ? 'function' : JSON.stringify(u.defaultValue) };
  return u.meta.whenAbsent === undefined ? {} : { whenAbsent: u.meta.whenAbsent };
};

/** The object inside an option, if it has one whose fields deserve rows of their own. */
const nestedObject = (core: z.ZodType): z.ZodType | undefined => {
  const def = defOf(core);
  if (def.type === 'object') return core;
  if (def.type !== 'union') return undefined;
  const objects = (def.options ?? []).map((o) => unwrap(o).core).filter((o) => defOf(o).type === 'object');
  return objects.length === 1 ? objects[0] : undefined;
};

/**
 * Every option of an object schema, in declaration order; fields of a nested object follow their
 * parent as `parent.field`. A schema that is not an object (after refinements) has no options.
 */
export const describeOptions = (schema: z.ZodType, prefix = ''): OptionDoc[] => {
  const root = unwrap(schema).core;
  const def = defOf(root);
  if (def.type !== 'object') return [];
  const docs: OptionDoc[] = [];
  for (const [name, field] of Object.entries(def.shape ?? {})) {
    const u = unwrap(field);
    const path = `${prefix}${name}`;
    docs.push({ path, type: typeOf(field), required: !optional(field), ...renderDefault(u), description: u.meta.description ?? '' });
    const nested = nestedObject(u.core);
    if (nested) docs.push(...describeOptions(nested, `${path}.`));
  }
  return docs;
};
