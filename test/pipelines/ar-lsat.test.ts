import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import arLsat from '../../pipelines/ar-lsat.js';
import { fixedClock } from '../../src/pipeline/clock.js';
import { runPipeline } from '../../src/pipeline/runner.js';
import { goldenMatcher, maskRunTimes } from '../helpers/golden.js';
import { tunesetProcess } from '../helpers/cli-process.js';
import { writeReordered } from '../helpers/reorder-passages.js';

// Golden files of the AR-LSAT pipeline on its own fixtures. UPDATE_GOLDENS=1 writes them; review the diff.
const GOLDEN = join(import.meta.dirname, '..', '..', 'fixtures', 'golden', 'ar-lsat');
const FILES = ['train.jsonl', 'validation.jsonl', 'meta.jsonl', 'rejected.jsonl'];
const clock = fixedClock('2026-11-23T12:00:00Z');
const tmp = () => mkdtempSync(join(tmpdir(), 'tuneset-e2e-'));

const matchGolden = goldenMatcher('ar-lsat');
// A process of its own loads tsx and the tokenizer: ~10 s alone, several times that on a busy machine.
const CLI_TIMEOUT = 120_000;

test('the fixtures build matches the golden files, stage by stage', async () => {
  const dir = join(tmp(), 'run');
  const { manifest } = await runPipeline(arLsat, { outDir: dir, clock });
  for (const f of FILES) matchGolden(f, readFileSync(join(dir, f), 'utf8'));
  const summary = {
    stages: manifest.stages.map(({ ms: _ms, ...s }) => s),
    reports: manifest.reports,
    files: manifest.files,
    inputs: manifest.inputs,
  };
  matchGolden('summary.json', `${JSON.stringify(summary, null, 2)}\n`);
});

test('the CLI, in its own process, prints the table and the hand-off preview and writes the same files', async () => {
  const dir = join(tmp(), 'run');
  const r = tunesetProcess(['run', 'pipelines/ar-lsat.ts', '--out', dir]);
  expect(r.code).toBe(0);
  matchGolden('stdout.txt', maskRunTimes(r.stdout).replaceAll(dir, '<run-dir>'));
  for (const f of ['train.jsonl', 'validation.jsonl']) expect(readFileSync(join(dir, f), 'utf8')).toBe(readFileSync(join(GOLDEN, f), 'utf8'));
}, CLI_TIMEOUT);

const SAMPLE = join(GOLDEN, '..', '..', 'ar-lsat', 'sample.json');

/** Passage ids in file order: the reordered inputs must put the copy game-0011 ahead of its original game-0004. */
const passageIds = (file: string) => (JSON.parse(readFileSync(file, 'utf8')) as { id: string }[]).map((p) => p.id);

// game-0011 repeats game-0004 with other case and whitespace: which copy survives must not depend on
// which comes first, so both orders below put the copy first.
test('the records reversed give byte-identical train and validation files', async () => {
  const reversed = writeReordered(SAMPLE, 'reversed', join(tmp(), 'reversed.json'));
  expect(passageIds(reversed).indexOf('game-0011')).toBeLessThan(passageIds(reversed).indexOf('game-0004'));
  const dir = join(tmp(), 'run');
  await runPipeline(arLsat, { inputs: [reversed], outDir: dir, clock });
  for (const f of ['train.jsonl', 'validation.jsonl']) expect(readFileSync(join(dir, f), 'utf8'), f).toBe(readFileSync(join(GOLDEN, f), 'utf8'));
});

test('the records shuffled, built by the CLI in its own process, give byte-identical train and validation files', () => {
  const shuffled = writeReordered(SAMPLE, 'shuffled', join(tmp(), 'shuffled.json'));
  expect(passageIds(shuffled).indexOf('game-0011')).toBeLessThan(passageIds(shuffled).indexOf('game-0004'));
  const dir = join(tmp(), 'run');
  const r = tunesetProcess(['run', 'pipelines/ar-lsat.ts', '--input', shuffled, '--out', dir]);
  expect(r.stderr).not.toMatch(/\berror\b/i);
  expect(r.code).toBe(0);
  for (const f of ['train.jsonl', 'validation.jsonl']) expect(readFileSync(join(dir, f), 'utf8'), f).toBe(readFileSync(join(GOLDEN, f), 'utf8'));
}, CLI_TIMEOUT);
