import { mkdtempSync, readFileSync } from 'node:fs';
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
import { writeReordered } from '../helpers/reorder-passages.js';

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

test.skipIf(!data.available)('the real training file: 21 duplicates, no passage on two sides, valid files, the same in any passage order', async () => {
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
  expect(manifest.leakage).toMatchObject({ ok: true, sharedGroups: [], sharedPrompts: [] });

  expect((await validateTrainingFile(join(dir, 'train.jsonl'))).errorCount).toBe(0);
  expect((await validateTrainingFile(join(dir, 'validation.jsonl'), { minExamples: 0 })).errorCount).toBe(0);

  // The same records reversed (in this process) and shuffled (in another process, by the CLI):
  // byte-identical files, whichever of two copies that differ in case or whitespace comes first.
  const reversedDir = join(tmp(), 'reversed');
  await runPipeline(arLsat, { inputs: [writeReordered(REAL, 'reversed', join(tmp(), 'reversed.json'))], outDir: reversedDir, clock: fixedClock('2026-11-23T12:00:00Z') });
  const shuffledDir = join(tmp(), 'shuffled');
  const shuffled = tunesetProcess(['run', 'pipelines/ar-lsat.ts', '--input', writeReordered(REAL, 'shuffled', join(tmp(), 'shuffled.json')), '--out', shuffledDir]);
  expect(shuffled.stderr).not.toMatch(/\berror\b/i);
  expect(shuffled.code).toBe(0);
  // Compared by hash: a diff of two 1.7 MB buffers would take the test runner minutes to print.
  for (const f of ['train.jsonl', 'validation.jsonl']) {
    const original = sha256(readFileSync(join(dir, f)));
    expect(sha256(readFileSync(join(reversedDir, f))), `${f}, passages reversed`).toBe(original);
    expect(sha256(readFileSync(join(shuffledDir, f))), `${f}, passages shuffled`).toBe(original);
  }
}, 240_000);

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
