import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { fixedClock } from '../../../src/pipeline/clock.js';
import type { Item } from '../../../src/pipeline/item.js';
import type { Pipeline } from '../../../src/pipeline/pipeline.js';
import { runPipeline, type RunOptions } from '../../../src/pipeline/runner.js';
import { defineSource } from '../../../src/pipeline/stage.js';

export interface Question {
  question: string;
  answer: string;
}

/** Records from memory, in the order given. */
export const questions = defineSource(
  'questions',
  z.strictObject({ records: z.array(z.object({ id: z.string(), question: z.string(), answer: z.string() })) }),
  async function* (_inputs, options, ctx) {
    for (const r of options.records) {
      ctx.countIn();
      yield { id: r.id, source: { uri: 'memory://questions' }, data: { question: r.question, answer: r.answer }, meta: {} } satisfies Item<Question>;
    }
  },
  () => [],
);

export const records = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ id: `q${String(i).padStart(3, '0')}`, question: `What is ${i} plus ${i}?`, answer: String(2 * i) }));

export const runIn = async (p: Pipeline<unknown>, cacheDir: string, options: RunOptions = {}) => {
  const outDir = join(mkdtempSync(join(tmpdir(), 'tuneset-annotate-')), 'run');
  const result = await runPipeline(p, { outDir, cacheDir, clock: fixedClock('2026-12-01T12:00:00Z'), ...options });
  const lines = (name: string) => {
    try {
      return readFileSync(join(outDir, name), 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
    } catch {
      return [];
    }
  };
  return { ...result, outDir, lines };
};

export const tempCache = () => mkdtempSync(join(tmpdir(), 'tuneset-annotate-cache-'));
