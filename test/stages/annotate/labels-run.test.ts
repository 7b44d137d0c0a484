import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { fixedClock } from '../../../src/pipeline/clock.js';
import { pipeline } from '../../../src/pipeline/pipeline.js';
import { runPipeline } from '../../../src/pipeline/runner.js';
import { labelsFromFile } from '../../../src/stages/annotate/labels-from-file.js';
import { importJsonl } from '../../../src/stages/import/jsonl.js';
import { fixture } from './labels-helpers.js';

const jsonLines = (path: string) => readFileSync(path, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);

test('a run joins the labels into meta.jsonl, stores the conflict and the unlabeled records in rejected.jsonl, and balances the ledger', async () => {
  const questions = fixture('questions.jsonl');
  const labels = fixture('labels.csv');
  const p = pipeline('labelled', { model: 'gpt-4o-mini-2024-07-18' })
    .from(importJsonl({ path: questions, fields: { question: 'question' }, id: 'qid' }))
    .pipe(labelsFromFile({ path: labels, key: 'question_id', fields: { quality: 'humanQuality', topic: 'topic' }, missing: 'drop' }));
  const { runDir, manifest } = await runPipeline(p, { outputRoot: mkdtempSync(join(tmpdir(), 'tuneset-labels-run-')), clock: fixedClock('2026-11-23T10:00:00Z') });

  expect(manifest.stages.map(({ name, in: n, expanded, out, dropped, errored }) => ({ name, in: n, expanded, out, dropped, errored }))).toEqual([
    { name: 'import-jsonl', in: 5, expanded: 0, out: 5, dropped: {}, errored: 0 },
    { name: 'labels-from-file', in: 5, expanded: 0, out: 2, dropped: { label_conflict: 1, unlabeled: 2 }, errored: 0 },
  ]);
  expect(jsonLines(join(runDir, 'meta.jsonl'))).toEqual([
    { id: 'q1', split: 'train', group: 'q1', source: { uri: questions, line: 1 }, meta: { humanQuality: 'good', topic: 'ordering, linear' } },
    { id: 'q2', split: 'train', group: 'q2', source: { uri: questions, line: 2 }, meta: { humanQuality: 'bad', topic: 'grouping' } },
  ]);
  expect(jsonLines(join(runDir, 'train.jsonl'))).toEqual([{ question: 'Which order of the five interns is possible?' }, { question: 'Who must be in the same group as Rosa?' }]);
  expect(jsonLines(join(runDir, 'rejected.jsonl'))).toEqual([
    {
      stage: 'labels-from-file',
      code: 'label_conflict',
      detail: { key: 'q3', field: 'quality', values: [{ value: 'good', at: `${labels}:5` }, { value: 'bad', at: `${labels}:8` }] },
      id: 'q3',
      source: { uri: questions, line: 3 },
      data: { question: 'Which department can Uri not join?' },
    },
    { stage: 'labels-from-file', code: 'unlabeled', detail: { key: 'q4' }, id: 'q4', source: { uri: questions, line: 4 }, data: { question: 'Which could be the last talk?' } },
    { stage: 'labels-from-file', code: 'unlabeled', detail: { key: 'q5' }, id: 'q5', source: { uri: questions, line: 5 }, data: { question: 'How many orders are possible?' } },
  ]);
  expect(manifest.reports['labels-from-file']).toMatchObject({ rows: 7, matched: 2, unlabeled: 2, unmatched: 1, duplicates: 1, conflicts: 1, unmatchedKeys: [{ key: 'q9', at: `${labels}:9` }] });
  // Both files are inputs of the run, so a changed labels file shows in the manifest.
  expect(manifest.inputs.map((i) => i.uri)).toEqual([labels, questions]);
});
