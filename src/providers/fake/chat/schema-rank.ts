/**
 * How deep the smallest instance of a JSON schema is: 0 for a scalar, null, an empty array or an
 * object with nothing required, more for each level a value cannot avoid; Infinity when no finite
 * instance exists. The filler uses it to end recursive schemas (`$ref` back into `$defs`): past
 * the first recursion it always takes the branch of smallest rank, and the rank strictly falls at
 * every step, so the walk ends.
 *
 * Refs are ranked by a fixpoint over every `$ref` in the root (a ref's rank is its target's, with
 * the other refs' current ranks), so mutual recursion is handled without following cycles.
 */
export type Schema = Record<string, unknown>;

const isSchema = (v: unknown): v is Schema => v !== null && typeof v === 'object' && !Array.isArray(v);

export const resolveRef = (root: Schema, ref: string): Schema => {
  if (!ref.startsWith('#')) return {};
  let node: unknown = root;
  for (const part of ref.slice(1).split('/').filter(Boolean)) {
    node = isSchema(node) ? node[decodeURIComponent(part).replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
  }
  return isSchema(node) ? node : {};
};

/** The types a node allows: its `type` (string or list), else what its keywords imply, else none (any). */
export const typeList = (schema: Schema): string[] => {
  const t = schema['type'];
  if (Array.isArray(t)) return t.filter((x): x is string => typeof x === 'string');
  if (typeof t === 'string') return [t];
  if (isSchema(schema['properties']) || Array.isArray(schema['required'])) return ['object'];
  if (schema['items'] !== undefined || Array.isArray(schema['prefixItems'])) return ['array'];
  return [];
};

/** The schemas of a tuple's fixed positions: `prefixItems` (2020-12) or a list-valued `items` (draft 7). */
export const tupleItems = (schema: Schema): Schema[] => {
  const fixed = Array.isArray(schema['prefixItems']) ? schema['prefixItems'] : Array.isArray(schema['items']) ? schema['items'] : [];
  return fixed.filter(isSchema);
};

/** The schema of items past the tuple's fixed positions (or of every item); null when none are allowed. */
export const restItems = (schema: Schema): Schema | null => {
  const rest = Array.isArray(schema['items']) ? schema['additionalItems'] : schema['items'];
  if (rest === false) return null;
  return isSchema(rest) ? rest : {};
};

export const branchesOf = (schema: Schema): Schema[] | null => {
  const b = schema['anyOf'] ?? schema['oneOf'];
  return Array.isArray(b) && b.length > 0 ? b.filter(isSchema) : null;
};

const minItems = (schema: Schema): number => (typeof schema['minItems'] === 'number' ? schema['minItems'] : 0);

const collectRefs = (node: unknown, out: Set<string>): void => {
  if (Array.isArray(node)) for (const v of node) collectRefs(v, out);
  else if (isSchema(node)) {
    if (typeof node['$ref'] === 'string') out.add(node['$ref']);
    for (const v of Object.values(node)) collectRefs(v, out);
  }
};

const MAX_NODE_DEPTH = 64;

/** Rank of one node, with refs looked up in `refs` (never followed), so it never loops. */
const nodeRank = (schema: Schema, refs: ReadonlyMap<string, number>, depth: number): number => {
  if (depth > MAX_NODE_DEPTH) return Infinity;
  const next = (s: Schema) => nodeRank(s, refs, depth + 1);
  if (typeof schema['$ref'] === 'string') return 1 + (refs.get(schema['$ref']) ?? Infinity);
  if ('const' in schema || Array.isArray(schema['enum'])) return 0;
  const branches = branchesOf(schema);
  if (branches) return 1 + Math.min(...branches.map(next));
  if (Array.isArray(schema['allOf'])) return 1 + Math.max(0, ...schema['allOf'].filter(isSchema).map(next));
  const types = typeList(schema);
  if (types.length === 0 || types.some((t) => t !== 'object' && t !== 'array')) return 0;
  if (types.includes('array')) {
    const need = minItems(schema);
    if (need === 0) return 0;
    const fixed = tupleItems(schema).slice(0, need);
    const rest = restItems(schema);
    if (need > fixed.length && rest === null) return Infinity;
    const parts = need > fixed.length ? [...fixed, rest!] : fixed;
    return 1 + Math.max(0, ...parts.map(next));
  }
  const props = isSchema(schema['properties']) ? schema['properties'] : {};
  const required = Array.isArray(schema['required']) ? schema['required'].filter((k): k is string => typeof k === 'string') : [];
  return 1 + Math.max(0, ...required.map((k) => (isSchema(props[k]) ? next(props[k]) : 0)));
};

const refRanks = new WeakMap<Schema, Map<string, number>>();

const ranksFor = (root: Schema): Map<string, number> => {
  let ranks = refRanks.get(root);
  if (ranks) return ranks;
  const all = new Set<string>();
  collectRefs(root, all);
  ranks = new Map([...all].map((r) => [r, Infinity]));
  // Each pass can only lower ranks, and a finite rank is settled within |refs| passes.
  for (let pass = 0; pass <= all.size; pass++) {
    let changed = false;
    for (const ref of all) {
      const r = nodeRank(resolveRef(root, ref), ranks, 0);
      if (r < ranks.get(ref)!) {
        ranks.set(ref, r);
        changed = true;
      }
    }
    if (!changed) break;
  }
  refRanks.set(root, ranks);
  return ranks;
};

export const schemaRank = (root: Schema, schema: Schema): number => nodeRank(schema, ranksFor(root), 0);
