import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { exportRun } from '../../../src/train/export/export-run.js';
import { readRun } from '../../../src/train/export/read-run.js';
import { PLAIN, tempDir, writeRun } from './run-fixture.js';

const run = () => writeRun({ train: { a: PLAIN, b: PLAIN }, validation: { v1: PLAIN, v2: PLAIN } });

test('a meta.jsonl whose last line was cut short is read without it, counted, and noted in the export', async () => {
  const dir = run();
  const meta = join(dir, 'meta.jsonl');
  writeFileSync(meta, readFileSync(meta, 'utf8').slice(0, -10));
  const read = readRun(dir);
  expect(read.tornMetaLines).toBe(1);
  // The validation split lost a name, so its lines are named by file:line; train keeps its ids.
  expect(read.splits.map((s) => s.ids)).toEqual([['a', 'b'], ['validation.jsonl:1', 'validation.jsonl:2']]);
  const result = await exportRun({ runDir: dir, target: 'trl', outDir: join(tempDir(), 'trl') });
  expect(result.notes[0]).toBe('meta.jsonl ended in a line cut short, which was skipped; examples it does not name are named by file:line');
  expect(readRun(run()).tornMetaLines).toBe(0);
});

test('a broken meta.jsonl line before the last is an error naming the file and the line', () => {
  const dir = run();
  const meta = join(dir, 'meta.jsonl');
  const lines = readFileSync(meta, 'utf8').split('\n');
  writeFileSync(meta, [lines[0], lines[1]!.slice(0, 8), ...lines.slice(2)].join('\n'));
  expect(() => readRun(dir)).toThrow(`${meta}: line 2 is not valid JSON (`);
  writeFileSync(meta, [lines[0], '{"id":"b"}', ...lines.slice(2)].join('\n'));
  expect(() => readRun(dir)).toThrow(`${meta}: line 2 is not a meta line with an id and a split, so the file is damaged or was edited.`);
});
