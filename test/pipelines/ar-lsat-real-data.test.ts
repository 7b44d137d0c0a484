import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import arLsat from '../../pipelines/ar-lsat.js';
import { fixedClock } from '../../src/pipeline/clock.js';
import { sha256 } from '../../src/pipeline/hash.js';
import { runPipeline } from '../../src/pipeline/runner.js';
import { validateTrainingFile } from '../../src/stages/validate/validate-file.js';
import { tunesetProcess } from '../helpers/cli-process.js';
import { requireRealData, SHARED_DATA } from '../helpers/require-or-skip.js';

// The real AR-LSAT data lives beside the repository, never in it: skipped where missing, a failure in CI.
const data = requireRealData('ar-lsat/AR_TrainingData.json', 'ar-lsat/AR_DevelopmentData.json', 'ar-lsat/AR_TestData.json', 'logieval/ar_lsat.jsonl');
const REAL = join(SHARED_DATA, 'ar-lsat', 'AR_TrainingData.json');
const tmp = () => mkdtempSync(join(tmpdir(), 'tuneset-real-'));

const passagesOf = (file: string) =>
  new Set(
    readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { messages: { role: string; content: string }[] }).messages[1]!.content.split('\n\nQuestion:\n')[0]!),
  );

/** The same records in another order: passages reversed, each passage's questions rotated. */
const reorder = (file: string, out: string) => {
  const passages = JSON.parse(readFileSync(file, 'utf8')) as { questions: unknown[] }[];
  const shuffled = passages.reverse().map((p) => ({ ...p, questions: [...p.questions.slice(1), ...p.questions.slice(0, 1)] }));
  writeFileSync(out, JSON.stringify(shuffled, null, 1));
};

test.skipIf(!data.available)('the real training file: 21 duplicates, no passage on two sides, valid and reproducible files', async () => {
  const dir = join(tmp(), 'run');
  const { manifest } = await runPipeline(arLsat, { inputs: [REAL], outDir: dir, clock: fixedClock('2026-11-23T12:00:00Z') });

  for (const s of manifest.stages) expect(s.in + s.expanded, s.name).toBe(s.out + Object.values(s.dropped).reduce((a, b) => a + b, 0) + s.errored);
  expect(manifest.stages.find((s) => s.name === 'dedupe')!.dropped).toEqual({ duplicate: 21 });
  // Questions reused across exam ids with small edits (passage re-wrapped, a word changed).
  expect(manifest.stages.find((s) => s.name === 'near-dedupe')!.dropped).toEqual({ near_duplicate: 6 });
  const rejected = readFileSync(join(dir, 'rejected.jsonl'), 'utf8').trim().split('\n');
  expect(rejected.filter((l) => JSON.parse(l).code === 'duplicate')).toHaveLength(21);

  const train = passagesOf(join(dir, 'train.jsonl'));
  const validation = passagesOf(join(dir, 'validation.jsonl'));
  expect([...validation].filter((p) => train.has(p))).toEqual([]);
  expect((manifest.reports['split'] as { leakage: { ok: boolean } }).leakage.ok).toBe(true);

  expect((await validateTrainingFile(join(dir, 'train.jsonl'))).errorCount).toBe(0);
  expect((await validateTrainingFile(join(dir, 'validation.jsonl'), { minExamples: 0 })).errorCount).toBe(0);

  // A second run, in another process, on the records in another order: byte-identical files.
  const shuffled = join(tmp(), 'reordered.json');
  reorder(REAL, shuffled);
  const dir2 = join(tmp(), 'run2');
  const second = tunesetProcess(['run', 'pipelines/ar-lsat.ts', '--input', shuffled, '--out', dir2]);
  expect(second.stderr).not.toMatch(/error/);
  expect(second.code).toBe(0);
  // Compared by hash: a diff of two 1.7 MB buffers would take the test runner minutes to print.
  for (const f of ['train.jsonl', 'validation.jsonl']) expect(sha256(readFileSync(join(dir2, f))), f).toBe(sha256(readFileSync(join(dir, f))));
}, 120_000);

const DATA = SHARED_DATA;

test.skipIf(!data.available)('--param decontaminate: every LogiEval test question is caught, no train or development one', async () => {
  const run = (inputs: string[]) =>
    runPipeline(arLsat, {
      inputs: inputs.map((f) => join(DATA, 'ar-lsat', f)),
      outDir: join(tmp(), 'run'),
      clock: fixedClock('2026-11-23T12:00:00Z'),
      params: { decontaminate: join(DATA, 'logieval', 'ar_lsat.jsonl') },
    });
  const dropped = (m: Awaited<ReturnType<typeof run>>['manifest']) => m.stages.find((s) => s.name === 'decontaminate')!.dropped;
  expect(dropped((await run(['AR_TrainingData.json', 'AR_TestData.json'])).manifest)).toEqual({ contaminated: 230 });
  expect(dropped((await run(['AR_TrainingData.json', 'AR_DevelopmentData.json'])).manifest)).toEqual({});
}, 120_000);
