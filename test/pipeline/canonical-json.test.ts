import { describe, expect, test } from 'vitest';
import { canonicalJson } from '../../src/pipeline/canonical-json.js';
import { stableStringify } from '../../src/pipeline/hash.js';
import { normalizedHash } from '../../src/stages/dedupe/content-key.js';

// The recursive versions these replaced, kept here as the reference their output must match.
const sortKeys = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const v = (value as Record<string, unknown>)[key];
    if (v !== undefined && typeof v !== 'function') out[key] = sortKeys(v);
  }
  return out;
};
const normalizeValue = (value: unknown, f: (s: string) => string): unknown => {
  if (typeof value === 'string') return f(value);
  if (Array.isArray(value)) return value.map((v) => normalizeValue(v, f));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, normalizeValue((value as Record<string, unknown>)[k], f)]));
  }
  return value ?? null;
};

const nest = (depth: number, leaf: unknown = 1): unknown => {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = i % 2 === 0 ? [v] : { a: v };
  return v;
};

const samples: unknown[] = [
  null,
  0,
  -0,
  1.5e300,
  NaN,
  'caf\u00e9 "quoted" \\ \n \u2028',
  true,
  [],
  {},
  [1, 'a', null, undefined, () => 1, { z: 1, a: [2, { y: undefined, b: 'B  c' }] }],
  { b: 1, a: 2, 'a b': { '\u00e9': [], '': 'x' }, f: () => 1, u: undefined, s: Symbol('s'), n: null, d: new Date(0) },
  { 10: 'ten', 9: 'nine', b: 0, 4294967295: 'not an index', 4294967294: 'index', '01': 'not an index', __proto__: { hidden: 1 } },
  nest(50),
];

describe('canonicalJson', () => {
  test('writes what the recursive key sort + JSON.stringify wrote, for stableStringify and the dedupe key', () => {
    for (const v of samples) {
      expect(stableStringify(v)).toBe(JSON.stringify(sortKeys(v)));
      const f = (s: string) => s.toLowerCase().replace(/\s+/g, ' ');
      expect(canonicalJson(v, { mapString: f, undefinedInObject: 'null' })).toBe(JSON.stringify(normalizeValue(v, f)));
    }
    expect(stableStringify({ b: [1, { d: 1, c: 2 }], a: 'x' })).toBe('{"a":"x","b":[1,{"c":2,"d":1}]}');
    // An own "__proto__" key (JSON.parse makes one) is written; the recursive sort lost it, assigning it as a prototype.
    const proto: unknown = JSON.parse('{"x": 1, "__proto__": {"polluted": 1}}');
    expect(stableStringify(proto)).toBe('{"__proto__":{"polluted":1},"x":1}');
    expect(JSON.stringify(sortKeys(proto))).toBe('{"x":1}');
  });

  test('100,000 levels of nesting are written without overflowing the stack', () => {
    const deep = nest(100_000);
    const text = stableStringify(deep);
    expect(text.length).toBe(100_000 * 4 + 1);
    expect(text.startsWith('{"a":[{"a":[')).toBe(true);
    expect(normalizedHash(deep, { collapseWhitespace: true, caseFold: true })).toMatch(/^[\w-]{43}$/);
    expect(normalizedHash(nest(100_000, 'A  b'), { collapseWhitespace: true, caseFold: true })).toBe(normalizedHash(nest(100_000, 'a b'), { collapseWhitespace: true, caseFold: true }));
  });

  test('a value that contains itself is refused as JSON.stringify refuses it, not written forever', () => {
    const loop: Record<string, unknown> = { a: [1] };
    (loop['a'] as unknown[]).push(loop);
    expect(() => canonicalJson(loop)).toThrow(new TypeError('Converting circular structure to JSON'));
    // The same object twice, side by side, is not a cycle.
    const shared = { x: 1 };
    expect(canonicalJson([shared, shared])).toBe('[{"x":1},{"x":1}]');
  });
});
