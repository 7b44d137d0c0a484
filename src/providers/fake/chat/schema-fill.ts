import { hashSeed, hashUnit } from '../random.js';
import { fillNumber } from './fill-number.js';
import { fillString } from './fill-text.js';
import { branchesOf, resolveRef, restItems, schemaRank, tupleItems, typeList, type Schema } from './schema-rank.js';

/**
 * A value that satisfies a JSON schema, for Structured Outputs (`response_format.json_schema`).
 * Covers what the SDK's `zodResponseFormat` (zod 4, draft 7) and hand-written strict schemas
 * produce: objects (every required property, nothing else), arrays within minItems/maxItems
 * (2 items when free) and tuples, enums and const, anyOf/oneOf (a hashed non-null branch), allOf
 * (merged objects), `type` lists such as `['string', 'null']`, numbers and integers within
 * inclusive/exclusive bounds and multipleOf, strings within lengths and formats (fill-text.ts),
 * and `$ref`s into `$defs`/`definitions`, recursive ones included: the second time a path enters
 * the same ref, the rest of that branch is the smallest instance (schema-rank.ts), so it ends.
 *
 * Deterministic: every choice is a hash of the user message and the value's path, never the clock
 * or a counter, so a request gets the same JSON live and in a batch. `pattern` is not honoured
 * beyond a few stock strings; `uniqueItems`, `not` and `if/then` are ignored.
 */
export interface FillHints {
  /** The AR-LSAT letter the model chose: taken by an enum that contains it, or a string property
   *  whose name looks like an answer slot (answer, letter, choice, option). */
  letter?: string | undefined;
  /** Text of the last user message: strings quote it, and every hashed choice is seeded by it. */
  userText: string;
}

interface Walk {
  root: Schema;
  hints: FillHints;
  /** Refs entered on the way here. */
  refs: readonly string[];
  /** Past the first recursion: take the smallest instance from here down. */
  minimal: boolean;
  depth: number;
  /** JSON-pointer-like path of the value (`/tags/1/name`): seeds its hashed choices. */
  path: string;
  /** Nearest property name (array items inherit their array's). */
  name: string | undefined;
}

/** Only a schema with no finite instance gets this deep; it then gets null. */
const MAX_DEPTH = 64;

export const fillSchema = (root: Schema, hints: FillHints): unknown =>
  fill(root, { root, hints, refs: [], minimal: false, depth: 0, path: '', name: undefined });

const unit = (w: Walk, what: string): number => hashUnit(`${what}:${w.path}\n${w.hints.userText}`);

const deeper = (w: Walk, step: Partial<Walk> = {}): Walk => ({ ...w, depth: w.depth + 1, ...step });

const fill = (schema: Schema, w: Walk): unknown => {
  if (w.depth > MAX_DEPTH) return null;
  const ref = schema['$ref'];
  if (typeof ref === 'string') {
    const target = resolveRef(w.root, ref);
    return fill(target, deeper(w, { refs: [...w.refs, ref], minimal: w.minimal || w.refs.includes(ref) }));
  }
  if ('const' in schema) return schema['const'];
  if (Array.isArray(schema['enum']) && schema['enum'].length > 0) {
    const values = schema['enum'];
    const { letter } = w.hints;
    if (letter !== undefined && values.includes(letter)) return letter;
    return values[Math.floor(unit(w, 'enum') * values.length)];
  }
  const branches = branchesOf(schema);
  if (branches) return fill(pickBranch(branches, w), deeper(w));
  if (Array.isArray(schema['allOf'])) {
    const parts = (schema['allOf'] as Schema[]).map((s) => fill(s, deeper(w)));
    return parts.every((p) => p !== null && typeof p === 'object' && !Array.isArray(p)) ? Object.assign({}, ...parts) : parts[0];
  }
  switch (pickType(typeList(schema), w)) {
    case 'object':
      return fillObject(schema, w);
    case 'array':
      return fillArray(schema, w);
    case 'string':
      return fillString(schema, { userText: w.hints.userText, letter: w.hints.letter }, w.name, w.path);
    case 'integer':
      return fillNumber(schema, true, unit(w, 'number'));
    case 'number':
      return fillNumber(schema, false, unit(w, 'number'));
    case 'boolean':
      return unit(w, 'boolean') < 0.5;
    default:
      // 'null', or no type at all (`{}` allows anything).
      return null;
  }
};

/**
 * Normally a hashed branch among the non-null ones that have a finite instance (a nullable field
 * gets a value, a union varies); in a minimal walk the branch of smallest rank, so recursion ends.
 */
const pickBranch = (branches: Schema[], w: Walk): Schema => {
  const ranked = branches.map((b) => ({ b, rank: schemaRank(w.root, b) }));
  if (w.minimal) return ranked.reduce((best, x) => (x.rank < best.rank ? x : best)).b;
  const live = ranked.filter((x) => Number.isFinite(x.rank) && !isNullOnly(x.b));
  const pool = live.length > 0 ? live : ranked;
  return pool[hashSeed(`branch:${w.path}\n${w.hints.userText}`) % pool.length]!.b;
};

const isNullOnly = (schema: Schema): boolean => {
  const types = typeList(schema);
  return types.length > 0 && types.every((t) => t === 'null');
};

/** The first non-null type; in a minimal walk null or a scalar first, as schema-rank.ts ranks them. */
const pickType = (types: string[], w: Walk): string | undefined => {
  if (types.length === 0) return undefined;
  if (w.minimal) return types.includes('null') ? 'null' : (types.find((t) => t !== 'object' && t !== 'array') ?? types[0]);
  return types.find((t) => t !== 'null') ?? types[0];
};

const fillObject = (schema: Schema, w: Walk): Record<string, unknown> => {
  const props = (schema['properties'] ?? {}) as Record<string, Schema>;
  const required = new Set(Array.isArray(schema['required']) ? (schema['required'] as string[]) : []);
  // Properties in declaration order, then any required name the schema forgot to describe.
  const keys = [...Object.keys(props).filter((k) => required.has(k)), ...[...required].filter((k) => !(k in props))];
  const out: Record<string, unknown> = {};
  for (const key of keys) out[key] = fill(props[key] ?? {}, deeper(w, { path: `${w.path}/${key}`, name: key }));
  return out;
};

const fillArray = (schema: Schema, w: Walk): unknown[] => {
  const min = typeof schema['minItems'] === 'number' ? schema['minItems'] : 0;
  const max = typeof schema['maxItems'] === 'number' ? schema['maxItems'] : Infinity;
  const fixed = tupleItems(schema);
  const rest = restItems(schema);
  const wanted = w.minimal ? min : Math.max(min, fixed.length > 0 ? fixed.length : 2);
  const length = Math.min(wanted, max, rest === null ? fixed.length : Infinity);
  return Array.from({ length }, (_, i) => fill(fixed[i] ?? rest ?? {}, deeper(w, { path: `${w.path}/${i}` })));
};
