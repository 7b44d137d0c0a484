import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import arLsat from '../../pipelines/ar-lsat.js';
import { fixedClock } from '../../src/pipeline/clock.js';
import { runPipeline } from '../../src/pipeline/runner.js';
import { goldenMatcher } from '../helpers/golden.js';
import { tunesetProcess } from '../helpers/cli-process.js';

// Golden files of the AR-LSAT pipeline on its own fixtures. UPDATE_GOLDEN=1 rewrites them; review the diff.
const GOLDEN = join(import.meta.dirname, '..', '..', 'fixtures', 'golden', 'ar-lsat');
const FILES = ['train.jsonl', 'validation.jsonl', 'meta.jsonl', 'rejected.jsonl'];
const clock = fixedClock('2026-11-23T12:00:00Z');
const tmp = () => mkdtempSync(join(tmpdir(), 'tuneset-e2e-'));

const matchGolden = goldenMatcher('ar-lsat');

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
  matchGolden('stdout.txt', r.stdout.replace(/ +\d+(\.\d+)?m?s$/gm, '  <time>').replace(dir, '<run-dir>'));
  for (const f of ['train.jsonl', 'validation.jsonl']) expect(readFileSync(join(dir, f), 'utf8')).toBe(readFileSync(join(GOLDEN, f), 'utf8'));
});

test('the records in another order give byte-identical train and validation files', async () => {
  const passages = JSON.parse(readFileSync(join(GOLDEN, '..', '..', 'ar-lsat', 'sample.json'), 'utf8')) as { questions: unknown[] }[];
  const reordered = join(tmp(), 'reordered.json');
  // Every record moves, but game-0004 stays ahead of its case-and-whitespace copy game-0011: dedupe
  // keeps the first copy seen, so which of two unequal copies survives does depend on their order.
  const rotated = [...passages.slice(1), passages[0]!].map((p) => ({ ...p, questions: [...p.questions].reverse() }));
  writeFileSync(reordered, JSON.stringify(rotated));
  const dir = join(tmp(), 'run');
  await runPipeline(arLsat, { inputs: [reordered], outDir: dir, clock });
  for (const f of ['train.jsonl', 'validation.jsonl']) expect(readFileSync(join(dir, f), 'utf8')).toBe(readFileSync(join(GOLDEN, f), 'utf8'));
});
