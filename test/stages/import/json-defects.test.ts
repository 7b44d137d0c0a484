import { expect, test } from 'vitest';
import { findDuplicateKey, findDuplicateKeys, findLoneSurrogate } from '../../../src/stages/import/json-defects.js';

test.each([
  ['{}', undefined],
  ['[]', undefined],
  ['{"a": {"a": 1}, "b": [{"a": 1}, {"a": 2}]}', undefined],
  ['{"a": "\\\\", "b": 1}', undefined],
  ['{"a": "x\\"a\\": 1", "b": 1}', undefined],
  ['{"a": "\\\\", "a": 1}', { key: 'a', path: 'a', offset: 12 }],
  ['[[1, 2], [3, {"k": 1, "k": 2}]]', { key: 'k', path: '[1][1].k', offset: 22 }],
  ['{"a b": {"x": [], "x": {}}}', { key: 'x', path: '["a b"].x', offset: 18 }],
  ['{"\\u00e9": 1, "\u00e9": 2}', { key: '\u00e9', path: '["\u00e9"]', offset: 14 }],
])('findDuplicateKey(%s)', (text, expected) => {
  expect(findDuplicateKey(text)).toEqual(expected);
});

test('an object with many keys is checked with a set: 20,000 distinct keys pass, a repeat past the first 16 is found', () => {
  const keys = Array.from({ length: 20_000 }, (_, i) => `"k${i}": ${i}`);
  expect(findDuplicateKey(`{${keys.join(', ')}}`)).toBeUndefined();
  expect(findDuplicateKeys(`{${keys.join(', ')}, "k17": 0, "k3": 0}`).map((d) => d.key)).toEqual(['k17', 'k3']);
});

test('a lone surrogate is found at any depth without recursion; a pair, or an escaped backslash before u, is fine', () => {
  const deep = `${'['.repeat(100_000)}"\\ud800"${']'.repeat(100_000)}`;
  const value: unknown = JSON.parse(deep);
  expect(findLoneSurrogate(deep, value)).toBe('[0]'.repeat(100_000));
  expect(findDuplicateKey(deep)).toBeUndefined();
  for (const text of ['"\\ud83d\\ude00"', '"\\\\ud800"', '{"a": ["x", "\\u00e9"]}']) expect(findLoneSurrogate(text, JSON.parse(text))).toBeUndefined();
  expect(findLoneSurrogate('{"a": ["x", {"b": "\\udbff"}]}', JSON.parse('{"a": ["x", {"b": "\\udbff"}]}'))).toBe('a[1].b');
});
