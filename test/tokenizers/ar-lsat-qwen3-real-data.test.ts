import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import arLsat from '../../pipelines/ar-lsat.js';
import { fixedClock } from '../../src/pipeline/clock.js';
import { runPipeline } from '../../src/pipeline/runner.js';
import { exportRun } from '../../src/train/export/export-run.js';
import { requireRealData, SHARED_DATA } from '../helpers/require-or-skip.js';

// The real AR-LSAT data lives beside the repository, never in it: skipped where missing, a failure in CI.
const FILES = ['AR_TrainingData', 'AR_DevelopmentData', 'AR_TestData'].map((n) => `ar-lsat/${n}.json`);
const data = requireRealData(...FILES);

/**
 * Issue 11's reference: validation example india5_1-G_3_13 is 567 tokens for Qwen3 with its chat
 * template (474 for o200k), so the old 512 max_length cut its answer off. Every count of this build
 * was checked offline against Hugging Face's Rust tokenizers (docs/providers.md, tokenizers); the
 * longest example is 593 tokens.
 */
test.skipIf(!data.available)('the real AR-LSAT build for local:Qwen/Qwen3-0.6B: Qwen3 counts in meta.jsonl, every export covers the longest example', async () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'tuneset-qwen3-')), 'run');
  const target = { ...arLsat, provider: 'local', model: 'Qwen/Qwen3-0.6B' };
  await runPipeline(target, { inputs: FILES.map((f) => join(SHARED_DATA, f)), outDir: dir, clock: fixedClock('2026-12-02T12:00:00Z') });

  const meta = readFileSync(join(dir, 'meta.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { id: string; meta: { tokens: number } });
  expect(meta).toHaveLength(2064);
  expect(meta.find((m) => m.id === 'india5_1-G_3_13')!.meta.tokens).toBe(567);
  const longest = Math.max(...meta.map((m) => m.meta.tokens));
  expect(longest).toBe(593);

  const lengths = {
    trl: /\nmax_length: (\d+)\n/,
    axolotl: /\nsequence_len: (\d+)\n/,
    'llama-factory': /\ncutoff_len: (\d+)\n/,
  } as const;
  for (const [trainer, pattern] of Object.entries(lengths)) {
    const r = await exportRun({ runDir: dir, target: trainer as keyof typeof lengths });
    const config = r.files.find((f) => f.path.endsWith('.yaml'))!.path;
    const length = Number(readFileSync(join(r.outDir, config), 'utf8').match(pattern)?.[1]);
    expect(length, trainer).toBe(600);
  }
}, 300_000);
