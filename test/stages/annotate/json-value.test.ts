import { expect, test } from 'vitest';
import { jsonProblem } from '../../../src/stages/annotate/json-value.js';

const nest = (depth: number, leaf: unknown): unknown => {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = i % 2 === 0 ? [v] : { a: v };
  return v;
};

test('jsonProblem names the first place a value stops being JSON, in document order', () => {
  expect(jsonProblem({ a: [1, 'x', { b: true }], c: null })).toBeUndefined();
  expect(jsonProblem({ a: [1, NaN], b: undefined })).toBe('.a[1]: NaN (not a JSON number)');
  expect(jsonProblem({ a: { d: new Date(0) }, b: undefined })).toBe('.a.d: a Date (not a plain object)');
  expect(jsonProblem(undefined)).toBe('the value: undefined (not JSON)');
  const loop: Record<string, unknown> = { a: [] };
  (loop['a'] as unknown[]).push(loop);
  expect(jsonProblem(loop)).toBe('.a[0]: a reference to an object that contains it');
  // The same object twice, side by side, is JSON.
  const shared = { x: 1 };
  expect(jsonProblem([shared, shared])).toBeUndefined();
});

test('a label nested 100,000 deep is judged without overflowing the stack', () => {
  expect(jsonProblem(nest(100_000, 'x'))).toBeUndefined();
  expect(jsonProblem(nest(30_000, Infinity))).toMatch(/^(\.a\[0\]){15000}: Infinity \(not a JSON number\)$/);
});
