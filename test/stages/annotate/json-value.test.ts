import { expect, test } from 'vitest';
import { annotateWith } from '../../../src/stages/annotate/annotate-with.js';
import { jsonProblem } from '../../../src/stages/annotate/json-value.js';
import { item, runStage } from '../../helpers/run-stage.js';

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

test('a label nested past 100 levels is a problem at the place it passes them, found without overflowing the stack', () => {
  expect(jsonProblem(nest(100, 'x'))).toBeUndefined();
  expect(jsonProblem(nest(101, 'x'))).toBe(`${'[0].a'.repeat(50)}: nested more than 100 levels deep`);
  expect(jsonProblem(nest(100_000, 'x'))).toBe(`${'.a[0]'.repeat(50)}: nested more than 100 levels deep`);
});

test('annotateWith: a label nested 100,000 deep is an invalid_label error entry naming the record, not a crash when it is written', async () => {
  const run = await runStage(annotateWith<{ n: number }>({ label: (d) => (d.n === 2 ? { deep: nest(100_000, 1) as number } : { n: d.n }), maxErrors: 1 }), [item('r1', { n: 1 }), item('r2', { n: 2 })]);
  expect(run.out.map((o) => o.id)).toEqual(['r1']);
  expect(run.errors.map((e) => [e.id, (e.error as { code: string }).code])).toEqual([['r2', 'invalid_label']]);
  expect((run.errors[0]!.error as Error).message).toMatch(/^record r2: label's fields must be JSON values: deep(\.a|\[0\])+: nested more than 100 levels deep$/);
});

test("annotateWith's report counts a label field named __proto__ like any other", async () => {
  const run = await runStage(annotateWith<{ n: number }>({ label: (d) => JSON.parse(`{"__proto__": "v${d.n}", "k": 1}`) as Record<string, string> }), [item('r1', { n: 1 }), item('r2', { n: 1 })]);
  expect(run.out.map((o) => Object.hasOwn(o.meta, '__proto__'))).toEqual([true, true]);
  expect((run.report as { fields: unknown }).fields).toEqual(JSON.parse('{"__proto__": {"records": 2, "values": {"v1": 2}}, "k": {"records": 2, "values": {"1": 2}}}'));
});
