import { expect, test } from 'vitest';
import { SourceError } from '../../../src/pipeline/errors.js';
import { labelsFromFile } from '../../../src/stages/annotate/labels-from-file.js';
import { runStage } from '../../helpers/run-stage.js';
import { labelsFile, metaById, records } from './labels-helpers.js';

const lines = (...rows: unknown[]) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';

test('JSON lines: any JSON value is a label, a number key matches the id written as text, blank lines are passed over', async () => {
  const path = labelsFile('labels.jsonl', lines({ id: 1, tags: ['a', 'b'], score: 0.5 }, { id: 'x', tags: null, score: 1 }).replace('\n', '\n\n'));
  const run = await runStage(labelsFromFile({ path, key: 'id', fields: ['tags', 'score'] }), records('1', 'x'));
  expect(run.report).toMatchObject({ format: 'jsonl', rows: 2 });
  // null is no label: x gets only its score.
  expect(metaById(run.out)).toEqual({ '1': { tags: ['a', 'b'], score: 0.5 }, x: { score: 1 } });
});

test('a JSON array of plain rows (such as Label Studio JSON-MIN) names a row by its index and id', async () => {
  const path = labelsFile('min.json', JSON.stringify([{ id: 'a', label: 'x' }, { id: 'a', label: 'y' }], null, 2));
  const run = await runStage(labelsFromFile({ path, key: 'id', fields: ['label'] }), records('a'));
  expect(run.report).toMatchObject({
    format: 'json',
    problems: [`${path}:6 (row [1], id a): key "a" has label "y" here but "x" at ${path}:2 (row [0], id a); its records are dropped (label_conflict)`],
  });
});

test('labels are compared as JSON: the same object with its keys in another order is the same label', async () => {
  const path = labelsFile('labels.jsonl', lines({ id: 'a', span: { start: 1, end: 4 } }, { id: 'a', span: { end: 4, start: 1 } }));
  const run = await runStage(labelsFromFile({ path, key: 'id', fields: ['span'] }), records('a'));
  expect(run.report).toMatchObject({ duplicates: 1, conflicts: 0 });
  expect(metaById(run.out)).toEqual({ a: { span: { start: 1, end: 4 } } });
});

test('a key that is neither a string nor a number is reported and the row skipped', async () => {
  const path = labelsFile('labels.jsonl', lines({ id: ['a'], label: 'x' }, { id: 'b', label: 'y' }));
  const run = await runStage(labelsFromFile({ path, key: 'id', fields: ['label'] }), records('b'));
  expect(run.report).toMatchObject({ noKey: 1, problems: [`${path}:1: "id" is array, not a string or a number; row skipped`] });
});

test('a line that is not JSON, or not an object, stops the run naming the line', async () => {
  const bad = labelsFile('labels.jsonl', '{"id": "a", "label": "x"}\n{"id": "b",\n');
  await expect(runStage(labelsFromFile({ path: bad, key: 'id', fields: ['label'] }), records('a'))).rejects.toThrow(SourceError);
  await expect(runStage(labelsFromFile({ path: bad, key: 'id', fields: ['label'] }), records('a'))).rejects.toThrow(new RegExp(`^${bad}: line 2: not JSON: `));
  const array = labelsFile('labels.jsonl', '{"id": "a", "label": "x"}\n["b", "y"]\n');
  await expect(runStage(labelsFromFile({ path: array, key: 'id', fields: ['label'] }), records('a'))).rejects.toThrow(`${array}: line 2: expected a JSON object, got array`);
});

test('a format given overrides the extension: a .txt file read as JSON lines', async () => {
  const path = labelsFile('labels.txt', lines({ id: 'a', label: 'x' }));
  const run = await runStage(labelsFromFile({ path, key: 'id', fields: ['label'], format: 'jsonl' }), records('a'));
  expect(metaById(run.out)).toEqual({ a: { label: 'x' } });
});

test('without a telling extension, content that starts like JSON is JSON and anything else CSV', async () => {
  const json = labelsFile('labels', lines({ id: 'a', label: 'x' }));
  expect((await runStage(labelsFromFile({ path: json, key: 'id', fields: ['label'] }), records('a'))).report).toMatchObject({ format: 'jsonl' });
  const csv = labelsFile('labels', 'id,label\na,x\n');
  expect((await runStage(labelsFromFile({ path: csv, key: 'id', fields: ['label'] }), records('a'))).report).toMatchObject({ format: 'csv', matched: 1 });
});
