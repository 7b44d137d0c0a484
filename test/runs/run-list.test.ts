import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { latestRun, latestTrainedRun, listRuns, readRunSummary } from '../../src/runs/run-list.js';
import { BASE, FT, v2Record } from '../train/eval/v2-fixture.js';
import { makeRun, plantedRuns, RUN_A } from './planted-runs.js';

const manifestOf = (runDir: string) => JSON.parse(readFileSync(join(runDir, 'manifest.json'), 'utf8'));

test('lists finished runs oldest first with counts, tokens, cost, hash, job and eval accuracy', async () => {
  const { root, a, b } = await plantedRuns();
  // Neither the shared cache nor an interrupted run (no manifest.json) is a run.
  mkdirSync(join(root, 'planted', 'cache', 'crawl'), { recursive: true });
  mkdirSync(join(root, 'planted', '20261123T120000Z-interrupted'));
  writeFileSync(join(root, 'planted', '20261123T120000Z-interrupted', 'train.jsonl.partial'), '{}\n');
  writeFileSync(
    join(b, 'train-state.json'),
    JSON.stringify({ runId: 'x', provider: 'openai', model: 'gpt-4o-mini-2024-07-18', files: {}, job: { id: 'ftjob-1', status: 'succeeded', fineTunedModel: 'ft:gpt-4o-mini:org::abc', attempt: 1 } }),
  );
  writeFileSync(
    join(b, 'eval.json'),
    JSON.stringify({ evaluatedAt: '2026-11-24T09:00:00.000Z', split: 'validation', scorer: 'exact', examples: 4, dir: 'evals/x', predictions: 'evals/x/p.jsonl', results: [{ model: 'gpt-4o-mini-2024-07-18', accuracy: 0.25 }, { model: 'ft:gpt-4o-mini:org::abc', accuracy: 0.75 }] }),
  );

  const runs = listRuns(join(root, 'planted'));
  expect(runs.map((r) => r.runDir)).toEqual([a, b]);
  const [first, second] = runs;
  expect(first).toEqual({
    runId: '20261123T100000Z-d33de7fd',
    runDir: a,
    pipeline: 'planted',
    startedAt: '2026-11-23T10:00:00.000Z',
    configHash: manifestOf(a).configHash,
    provider: 'openai',
    model: 'gpt-4o-mini',
    dataset: { hash: manifestOf(a).dataset.hash, examples: 6, splits: { train: { hash: manifestOf(a).dataset.splits.train.hash, examples: 4 }, validation: { hash: manifestOf(a).dataset.splits.validation.hash, examples: 2 } } },
    tokens: { train: 80, validation: 40 },
    estimatedCostUsd: 0.00072,
  });
  expect(second!.dataset.splits).toMatchObject({ train: { examples: 3 }, validation: { examples: 3 } });
  expect(second!.tokens).toEqual({ train: 65, validation: 62 });
  expect(second!.training).toEqual({ provider: 'openai', jobId: 'ftjob-1', status: 'succeeded', fineTunedModel: 'ft:gpt-4o-mini:org::abc' });
  // An eval.json from before version 2 is accuracy, by the scorer it names.
  expect(second!.eval).toEqual({ evaluatedAt: '2026-11-24T09:00:00.000Z', suite: 'validation', scorer: 'exact', unit: 'proportion', scores: { 'gpt-4o-mini-2024-07-18': 0.25, 'ft:gpt-4o-mini:org::abc': 0.75 } });
});

test("a version 2 eval.json is summed up by the held-out split's first scorer, per model in the evaluation's order", async () => {
  const { b } = await plantedRuns();
  // The retention suite listed first and scored for both models: still the split's scorer is the headline.
  const record = v2Record();
  writeFileSync(join(b, 'eval.json'), JSON.stringify({ ...record, suites: [...record.suites].reverse() }));
  expect(readRunSummary(b).eval).toEqual({ evaluatedAt: '2026-11-24T09:00:00.000Z', suite: 'validation', scorer: 'rouge', unit: 'f1', scores: { [FT]: 0.4123, [BASE]: 0.2 } });
  // A model with no score there is left out rather than shown as zero.
  writeFileSync(join(b, 'eval.json'), JSON.stringify(v2Record({ scores: record.scores.filter((s) => s.model !== BASE || s.suite !== 'validation') })));
  expect(readRunSummary(b).eval?.scores).toEqual({ [FT]: 0.4123 });
  // An eval.json of neither shape is not read as an evaluation.
  writeFileSync(join(b, 'eval.json'), JSON.stringify({ version: 3, evaluatedAt: 'x', results: [] }));
  expect(readRunSummary(b).eval).toBeUndefined();
  // One that is not JSON is an error naming the file, not a run without evaluation.
  writeFileSync(join(b, 'eval.json'), '{"version": 2,');
  expect(() => readRunSummary(b)).toThrow(`${join(b, 'eval.json')}: not valid JSON (`);
});

test('a run made before versions gets the same content hash, computed from its split files', async () => {
  const { a } = await plantedRuns();
  const manifest = manifestOf(a);
  const written = manifest.dataset;
  delete manifest.dataset;
  writeFileSync(join(a, 'manifest.json'), JSON.stringify(manifest));
  expect(readRunSummary(a).dataset).toEqual(written);
});

test('latestRun gives the newest run, or the newest before a given run', async () => {
  const { root, a, b } = await plantedRuns();
  const c = await makeRun(root, RUN_A, '2026-11-23T12:00:00Z');
  const dir = join(root, 'planted');
  const id = (runDir: string) => runDir.slice(dir.length + 1);
  expect(latestRun(dir)?.runDir).toBe(c);
  expect(latestRun(dir, { before: id(c) })?.runDir).toBe(b);
  expect(latestRun(dir, { before: id(b) })?.runDir).toBe(a);
  expect(latestRun(dir, { before: id(a) })).toBeUndefined();
  // A run not finished yet (not listed) comes after every finished one.
  expect(latestRun(dir, { before: '20261123T130000Z-running' })?.runDir).toBe(c);
  expect(latestRun(join(root, 'never-run'))).toBeUndefined();
  expect(listRuns(join(root, 'never-run'))).toEqual([]);
});

test('latestTrainedRun gives the newest run whose job did not fail or get cancelled: what --train-if-changed compares with', async () => {
  const { root, a, b } = await plantedRuns();
  const c = await makeRun(root, RUN_A, '2026-11-23T12:00:00Z');
  const dir = join(root, 'planted');
  const job = (runDir: string, status: string) =>
    writeFileSync(join(runDir, 'train-state.json'), JSON.stringify({ runId: 'x', provider: 'openai', model: 'm', files: {}, job: { id: `ftjob-${status}`, status, fineTunedModel: null, attempt: 1 } }));
  expect(latestTrainedRun(dir)).toBeUndefined();
  job(a, 'succeeded');
  expect(latestTrainedRun(dir)?.runDir).toBe(a);
  // Runs after it that were never trained do not count, nor does one whose job failed.
  job(c, 'failed');
  expect(latestTrainedRun(dir)?.runDir).toBe(a);
  job(b, 'running');
  expect(latestTrainedRun(dir)?.runDir).toBe(b);
  job(c, 'cancelled');
  expect(latestTrainedRun(dir)?.runDir).toBe(b);
});

test('runs started in the same second are ordered by run id', async () => {
  const { root } = await plantedRuns();
  const again = await makeRun(root, RUN_A, '2026-11-23T10:00:00Z');
  expect(again.endsWith('20261123T100000Z-d33de7fd-2')).toBe(true);
  expect(listRuns(join(root, 'planted')).map((r) => r.runId)).toEqual(['20261123T100000Z-d33de7fd', '20261123T100000Z-d33de7fd-2', '20261123T110000Z-d33de7fd']);
});
