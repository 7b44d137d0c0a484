import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { diffRuns } from '../../src/runs/diff-runs.js';
import { makeRun, plantedRuns, RUN_A, tempRoot } from './planted-runs.js';

const datasetHash = (runDir: string): string => JSON.parse(readFileSync(join(runDir, 'manifest.json'), 'utf8')).dataset.hash;

test('counts exactly the planted changes: 2 changed, 1 removed, 1 added, 1 moved, per split and label, with the token and cost delta', async () => {
  const { a, b } = await plantedRuns();
  expect(diffRuns(a, b)).toEqual({
    a: { runId: '20261123T100000Z-d33de7fd', runDir: a, hash: datasetHash(a) },
    b: { runId: '20261123T110000Z-d33de7fd', runDir: b, hash: datasetHash(b) },
    examples: { added: 1, removed: 1, changed: 2, unchanged: 3 },
    ids: { added: ['e7'], removed: ['e4'], changed: ['e2', 'e3'] },
    // e5 moved train -> validation unchanged: counted once, under B's split; e4 under A's.
    splits: {
      train: { added: 1, removed: 1, changed: 1, unchanged: 1 },
      validation: { added: 0, removed: 0, changed: 1, unchanged: 2 },
    },
    labelField: 'label',
    labels: {
      x: { added: 0, removed: 0, changed: 1, unchanged: 2 },
      y: { added: 0, removed: 1, changed: 1, unchanged: 1 },
      z: { added: 1, removed: 0, changed: 0, unchanged: 0 },
    },
    moved: { count: 1, ids: ['e5'] },
    duplicates: { a: 0, b: 0 },
    // 6 x 20 tokens; B: e2 +5, e3 +2. Cost: train tokens x 3 epochs x $3/M (A 80, B 65 train tokens).
    tokens: { a: 120, b: 127, delta: 7 },
    cost: { a: 0.00072, b: 0.000585, delta: -0.000135 },
  });
});

test('a run compared with itself is all unchanged, and the hashes agree', async () => {
  const { a } = await plantedRuns();
  const d = diffRuns(a, a);
  expect(d.examples).toEqual({ added: 0, removed: 0, changed: 0, unchanged: 6 });
  expect(d.moved).toEqual({ count: 0, ids: [] });
  expect(d.a.hash).toBe(d.b.hash);
});

test('labels come from the field asked for; examples without it count under (none)', async () => {
  const { a, b } = await plantedRuns();
  expect(diffRuns(a, b, { labelField: 'split' }).labels).toEqual({
    train: { added: 1, removed: 1, changed: 1, unchanged: 1 },
    validation: { added: 0, removed: 0, changed: 1, unchanged: 2 },
  });
  expect(diffRuns(a, b, { labelField: 'topic' }).labels).toEqual({ '(none)': { added: 1, removed: 1, changed: 2, unchanged: 3 } });
});

test('a repeated id is compared copy by copy (<id>#2 with <id>#2) and counted', async () => {
  const root = tempRoot();
  const dupA = [...RUN_A, ['e1', 'train', 'x', 'What is one again?', 'Still 1.'] as (typeof RUN_A)[number]];
  const a = await makeRun(root, dupA, '2026-11-23T10:00:00Z');
  const b = await makeRun(root, [...RUN_A, ['e1', 'train', 'x', 'What is one again?', 'Always 1.'], ['e1', 'train', 'x', 'And again?', '1.']], '2026-11-23T11:00:00Z');
  const d = diffRuns(a, b);
  expect(d.duplicates).toEqual({ a: 1, b: 2 });
  expect(d.ids).toEqual({ added: ['e1#3'], removed: [], changed: ['e1#2'] });
  expect(d.examples).toEqual({ added: 1, removed: 0, changed: 1, unchanged: 6 });
});

test('refuses a directory that is not a finished run, naming it', async () => {
  const { a, root } = await plantedRuns();
  expect(() => diffRuns(a, root)).toThrow(`${root} is not a finished run: manifest.json is missing (the run was interrupted or failed)`);
});

test('a split file shorter than meta.jsonl says so instead of miscounting', async () => {
  const { a, b } = await plantedRuns();
  const train = join(b, 'train.jsonl');
  writeFileSync(train, readFileSync(train, 'utf8').split('\n').slice(0, 1).join('\n') + '\n');
  expect(() => diffRuns(a, b)).toThrow(`${train}: fewer lines than meta.jsonl gives the train split; the run directory is damaged (compare its files with manifest.json)`);
});

test('a split file longer than meta.jsonl says so too', async () => {
  const { a, b } = await plantedRuns();
  const validation = join(b, 'validation.jsonl');
  writeFileSync(validation, readFileSync(validation, 'utf8') + '{"messages":[]}\n');
  expect(() => diffRuns(a, b)).toThrow(`${validation}: more lines than meta.jsonl gives the validation split; the run directory is damaged (compare its files with manifest.json)`);
});
