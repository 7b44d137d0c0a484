import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src/pipeline/clock.js';
import type { Item } from '../../../src/pipeline/item.js';
import { pipeline } from '../../../src/pipeline/pipeline.js';
import { runPipeline } from '../../../src/pipeline/runner.js';
import { defineMap, defineSource } from '../../../src/pipeline/stage.js';
import type { ChatExample } from '../../../src/stages/format/chat-example.js';
import { tokenCheck } from '../../../src/stages/token-check/index.js';

const chat = (q: string, a: string): ChatExample => ({
  messages: [
    { role: 'system', content: 'You are a helpful assistant.' },
    { role: 'user', content: q },
    { role: 'assistant', content: a },
  ],
});

const source = defineSource(
  'fixture',
  z.strictObject({}),
  async function* (_inputs, _options, ctx) {
    const records: [string, ChatExample][] = [
      ['a', chat('Hello!', 'Hi! How can I help?')],
      ['b', chat('Hello!', 'Hi! How can I help?')],
      ['c', chat(`Look ${'#'.repeat(50_000)}`, 'ok')],
      // d's prompt differs from a's: the run's leakage check refuses one prompt on two sides.
      ['d', chat('Hi!', 'Hi! How can I help?')],
    ];
    for (const [id, data] of records) {
      ctx.countIn();
      yield { id, source: { uri: 'memory://fixture' }, data, meta: {} } satisfies Item<ChatExample>;
    }
  },
  () => [],
);

// A stand-in for split: the last record goes to validation.
const toSplits = defineMap('assign', z.strictObject({}), (it: Item<ChatExample>) => ({ ...it, meta: { ...it.meta, split: it.id === 'd' ? 'validation' : 'train' } }));

describe('token-check in a run', () => {
  it('writes tokens to meta.jsonl, rejects the hostile record and reports per split in the manifest', async () => {
    const p = pipeline('token-run', { model: 'gpt-4o-mini' }).from(source()).pipe(tokenCheck()).pipe(toSplits()).train({ epochs: 3 });
    const outDir = join(mkdtempSync(join(tmpdir(), 'tuneset-token-run-')), 'run');
    const { manifest } = await runPipeline(p, { outDir, clock: fixedClock('2026-11-23T12:00:00Z') });

    const meta = readFileSync(join(outDir, 'meta.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { id: string; meta: { tokens: number } });
    expect(meta.map((m) => [m.id, m.meta.tokens])).toEqual([['a', 30], ['b', 30], ['d', 30]]);
    const rejected = readFileSync(join(outDir, 'rejected.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { id: string; code: string });
    expect(rejected.map((r) => [r.id, r.code])).toEqual([['c', 'unbroken_run_too_long']]);

    expect(manifest.reports['token-check']).toEqual({
      model: 'gpt-4o-mini-2024-07-18',
      tokenizer: 'o200k_base',
      tokenLimit: 65_536,
      modelTokenLimit: 65_536,
      overLimit: 'drop',
      epochs: { requested: 3, resolved: 3 },
      trainingPricePerMTokens: 3,
      shutdownDate: '2027-01-14',
      newJobsEndDate: '2027-01-06',
      splits: {
        train: { examples: 2, overLimit: 0, tokens: { total: 60, min: 30, median: 30, p95: 30, max: 30 } },
        validation: { examples: 1, overLimit: 0, tokens: { total: 30, min: 30, median: 30, p95: 30, max: 30 } },
      },
      billedTokens: 180,
      estimatedCostUsd: 0.00054,
    });
  });

  it("records the model's dates with the pipeline's overrides applied", async () => {
    const models = { 'gpt-4o-mini': { newJobsEndDate: '2027-06-30', shutdownDate: '2027-09-01' } };
    const allTrain = defineMap('all-train', z.strictObject({}), (it: Item<ChatExample>) => ({ ...it, meta: { ...it.meta, split: 'train' } }));
    const p = pipeline('token-run', { model: 'gpt-4o-mini', models }).from(source()).pipe(tokenCheck()).pipe(allTrain()).train({ epochs: 3 });
    const outDir = join(mkdtempSync(join(tmpdir(), 'tuneset-token-run-')), 'run');
    const { manifest } = await runPipeline(p, { outDir, clock: fixedClock('2026-11-23T12:00:00Z') });
    expect(manifest.reports['token-check']).toMatchObject({ shutdownDate: '2027-09-01', newJobsEndDate: '2027-06-30' });
  });
});
