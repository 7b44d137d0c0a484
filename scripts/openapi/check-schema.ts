// A small JSON Schema checker for the schemas in OpenAPI documents, written for the fakes' check
// (scripts/check-fakes-openapi.ts), not a general validator. Why not ajv: the published documents
// mix dialects that ajv's strict 2020-12 mode refuses or reads differently (OpenAI's 3.1 document
// has draft-4 boolean `exclusiveMinimum`, Together's 3.1 document has 3.0 `nullable`), and a
// response check wants messages that name the JSON path and the schema that said no.
// Keywords it does not check are collected, so a summary can say what went unchecked.

export type Schema = Record<string, unknown>;

export interface SchemaCheck {
  /** The whole OpenAPI document: `$ref`s are JSON pointers into it (`#/components/schemas/X`). */
  document: unknown;
  /** Keywords met that this checker ignores (besides annotations), with how often. */
  unchecked: Map<string, number>;
}

/** Keywords that only annotate: nothing to check in a response. */
const ANNOTATIONS = new Set([
  'description', 'title', 'example', 'examples', 'default', 'deprecated', 'readOnly', 'writeOnly',
  'externalDocs', 'xml', '$schema', '$id', '$comment', 'contentMediaType', 'contentEncoding',
]);

/** Keywords this file checks. `nullable` is OpenAPI 3.0's: honoured wherever it appears. */
const CHECKED = new Set([
  '$ref', 'type', 'nullable', 'enum', 'const', 'properties', 'required', 'additionalProperties',
  'items', 'prefixItems', 'minItems', 'maxItems', 'anyOf', 'oneOf', 'allOf', 'discriminator',
  'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf', 'minLength',
  'maxLength', 'pattern', 'format', 'minProperties', 'maxProperties',
]);

/** Resolves a local `$ref` (`#/a/b~1c`); throws naming the ref when it points nowhere. */
export const resolveRef = (document: unknown, ref: string): Schema => {
  if (!ref.startsWith('#')) throw new Error(`only local $refs are supported, got ${ref}`);
  let node: unknown = document;
  for (const raw of ref.slice(1).split('/').filter((p) => p !== '')) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object' || !(key in node)) throw new Error(`$ref ${ref} points nowhere (no "${key}")`);
    node = (node as Record<string, unknown>)[key];
  }
  if (node === null || typeof node !== 'object') throw new Error(`$ref ${ref} is not a schema`);
  return node as Schema;
};

const typeOf = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'array' : Number.isInteger(value) ? 'integer' : typeof value;

const isType = (value: unknown, type: string): boolean => {
  const actual = typeOf(value);
  return actual === type || (type === 'number' && actual === 'integer');
};

const show = (value: unknown): string => {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 60 ? `${text.slice(0, 57)}...` : text;
};

const refName = (ref: string): string => ref.split('/').at(-1) ?? ref;

const FORMATS: Record<string, RegExp> = {
  date: /^\d{4}-\d{2}-\d{2}$/,
  'date-time': /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:?\d{2})$/,
  uri: /^[A-Za-z][A-Za-z0-9+.-]*:\S*$/,
};

/**
 * The violations of `value` against `schema`, each `"$.a.b[0]: what is wrong"`; empty when it fits.
 * `path` names where `value` sits in the response body.
 */
export const checkSchema = (check: SchemaCheck, schema: Schema, value: unknown, path = '$'): string[] => {
  for (const key of Object.keys(schema)) {
    if (!CHECKED.has(key) && !ANNOTATIONS.has(key) && !key.startsWith('x-')) check.unchecked.set(key, (check.unchecked.get(key) ?? 0) + 1);
  }
  if (typeof schema['$ref'] === 'string') {
    // 3.1 allows siblings beside $ref; both must hold.
    const { $ref, ...rest } = schema;
    const target = resolveRef(check.document, $ref as string);
    const viaRef = checkSchema(check, target, value, path);
    return Object.keys(rest).length === 0 ? viaRef : [...viaRef, ...checkSchema(check, rest, value, path)];
  }
  if (value === null && schema['nullable'] === true) return [];
  const out: string[] = [];

  const type = schema['type'];
  if (type !== undefined) {
    const types = Array.isArray(type) ? (type as string[]) : [type as string];
    if (!types.some((t) => isType(value, t))) return [`${path}: expected ${types.join(' or ')}${schema['nullable'] === true ? ' or null' : ''}, got ${typeOf(value)} ${show(value)}`];
  }
  if (Array.isArray(schema['enum']) && !(schema['enum'] as unknown[]).some((e) => sameJson(e, value))) {
    out.push(`${path}: ${show(value)} is not one of ${show(schema['enum'])}`);
  }
  if ('const' in schema && !sameJson(schema['const'], value)) out.push(`${path}: expected ${show(schema['const'])}, got ${show(value)}`);

  if (typeof value === 'number') out.push(...checkNumber(schema, value, path));
  if (typeof value === 'string') out.push(...checkString(schema, value, path));
  if (Array.isArray(value)) out.push(...checkArray(check, schema, value, path));
  if (typeOf(value) === 'object') out.push(...checkObject(check, schema, value as Record<string, unknown>, path));

  if (Array.isArray(schema['allOf'])) {
    for (const sub of schema['allOf'] as Schema[]) out.push(...checkSchema(check, sub, value, path));
  }
  if (Array.isArray(schema['anyOf'])) out.push(...checkAnyOf(check, schema['anyOf'] as Schema[], value, path));
  if (Array.isArray(schema['oneOf'])) out.push(...checkOneOf(check, schema, value, path));
  return out;
};

const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

const checkNumber = (schema: Schema, value: number, path: string): string[] => {
  const out: string[] = [];
  const { minimum, maximum, exclusiveMinimum, exclusiveMaximum, multipleOf } = schema;
  // Draft 4 (and OpenAPI 3.0): a boolean exclusiveMinimum makes `minimum` exclusive.
  if (typeof minimum === 'number' && (exclusiveMinimum === true ? value <= minimum : value < minimum)) out.push(`${path}: ${value} is below the ${exclusiveMinimum === true ? 'exclusive ' : ''}minimum ${minimum}`);
  if (typeof maximum === 'number' && (exclusiveMaximum === true ? value >= maximum : value > maximum)) out.push(`${path}: ${value} is above the ${exclusiveMaximum === true ? 'exclusive ' : ''}maximum ${maximum}`);
  if (typeof exclusiveMinimum === 'number' && value <= exclusiveMinimum) out.push(`${path}: ${value} is not above ${exclusiveMinimum}`);
  if (typeof exclusiveMaximum === 'number' && value >= exclusiveMaximum) out.push(`${path}: ${value} is not below ${exclusiveMaximum}`);
  if (typeof multipleOf === 'number' && Math.abs(value / multipleOf - Math.round(value / multipleOf)) > 1e-9) out.push(`${path}: ${value} is not a multiple of ${multipleOf}`);
  return out;
};

const checkString = (schema: Schema, value: string, path: string): string[] => {
  const out: string[] = [];
  const length = [...value].length;
  if (typeof schema['minLength'] === 'number' && length < schema['minLength']) out.push(`${path}: shorter than ${schema['minLength']} characters`);
  if (typeof schema['maxLength'] === 'number' && length > schema['maxLength']) out.push(`${path}: longer than ${schema['maxLength']} characters`);
  if (typeof schema['pattern'] === 'string' && !new RegExp(schema['pattern'], 'u').test(value)) out.push(`${path}: ${show(value)} does not match /${schema['pattern']}/`);
  const format = typeof schema['format'] === 'string' ? FORMATS[schema['format']] : undefined;
  if (format && !format.test(value)) out.push(`${path}: ${show(value)} is not a ${schema['format'] as string}`);
  return out;
};

const checkArray = (check: SchemaCheck, schema: Schema, value: unknown[], path: string): string[] => {
  const out: string[] = [];
  if (typeof schema['minItems'] === 'number' && value.length < schema['minItems']) out.push(`${path}: fewer than ${schema['minItems']} items`);
  if (typeof schema['maxItems'] === 'number' && value.length > schema['maxItems']) out.push(`${path}: more than ${schema['maxItems']} items`);
  const prefix = Array.isArray(schema['prefixItems']) ? (schema['prefixItems'] as Schema[]) : [];
  value.forEach((item, i) => {
    const sub = prefix[i] ?? (typeof schema['items'] === 'object' ? (schema['items'] as Schema) : undefined);
    if (sub) out.push(...checkSchema(check, sub, item, `${path}[${i}]`));
  });
  return out;
};

const checkObject = (check: SchemaCheck, schema: Schema, value: Record<string, unknown>, path: string): string[] => {
  const out: string[] = [];
  const properties = (schema['properties'] ?? {}) as Record<string, Schema>;
  for (const name of (schema['required'] ?? []) as string[]) {
    if (!(name in value)) out.push(`${path}: required property "${name}" is missing`);
  }
  const count = Object.keys(value).length;
  if (typeof schema['minProperties'] === 'number' && count < schema['minProperties']) out.push(`${path}: fewer than ${schema['minProperties']} properties`);
  if (typeof schema['maxProperties'] === 'number' && count > schema['maxProperties']) out.push(`${path}: more than ${schema['maxProperties']} properties`);
  const extra = schema['additionalProperties'];
  for (const [name, item] of Object.entries(value)) {
    const at = /^[A-Za-z_$][\w$]*$/.test(name) ? `${path}.${name}` : `${path}[${JSON.stringify(name)}]`;
    if (Object.hasOwn(properties, name)) out.push(...checkSchema(check, properties[name]!, item, at));
    else if (extra === false) out.push(`${path}: property "${name}" is not allowed (additionalProperties: false)`);
    else if (extra !== null && typeof extra === 'object') out.push(...checkSchema(check, extra as Schema, item, at));
  }
  return out;
};

/** One line per branch: the branch's name (its $ref) and its first violation. */
const branchReasons = (check: SchemaCheck, branches: Schema[], value: unknown, path: string): string[] =>
  branches.map((b, i) => {
    const name = typeof b['$ref'] === 'string' ? refName(b['$ref']) : typeof b['type'] === 'string' ? b['type'] : `#${i + 1}`;
    const first = checkSchema(check, b, value, path)[0] ?? 'fits';
    return `${name}: ${first}`;
  });

const checkAnyOf = (check: SchemaCheck, branches: Schema[], value: unknown, path: string): string[] => {
  if (branches.some((b) => checkSchema(check, b, value, path).length === 0)) return [];
  return [`${path}: ${show(value)} fits none of anyOf [${branchReasons(check, branches, value, path).join(' | ')}]`];
};

/**
 * Exactly one branch must fit. With a `discriminator` whose property the value has, the branch is
 * picked by it (its mapping, else the $ref named like the value), as OpenAPI tools do.
 */
const checkOneOf = (check: SchemaCheck, schema: Schema, value: unknown, path: string): string[] => {
  const branches = schema['oneOf'] as Schema[];
  const discriminator = schema['discriminator'] as { propertyName?: string; mapping?: Record<string, string> } | undefined;
  const tag = discriminator?.propertyName && typeOf(value) === 'object' ? (value as Record<string, unknown>)[discriminator.propertyName] : undefined;
  if (typeof tag === 'string') {
    const ref = discriminator?.mapping?.[tag];
    const chosen = branches.find((b) => (ref ? b['$ref'] === ref : typeof b['$ref'] === 'string' && refName(b['$ref']) === tag));
    if (chosen) return checkSchema(check, chosen, value, path);
  }
  const fitting = branches.filter((b) => checkSchema(check, b, value, path).length === 0).length;
  if (fitting === 1) return [];
  if (fitting > 1) return [`${path}: ${show(value)} fits ${fitting} branches of oneOf, exactly one must`];
  return [`${path}: ${show(value)} fits none of oneOf [${branchReasons(check, branches, value, path).join(' | ')}]`];
};
