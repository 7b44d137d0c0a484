// The annotation benchmark's pipeline: N distinct short questions from memory, labelled by the
// annotate stage with a small zod schema, and one measured run of it (annotate-child.ts runs it in
// its own process; the test runs it in-process at a tiny size).
import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import type { Item, Json } from '../src/pipeline/item.js';
import type { Logger } from '../src/pipeline/logger.js';
import { pipeline } from '../src/pipeline/pipeline.js';
import { runPipeline } from '../src/pipeline/runner.js';
import { defineSource } from '../src/pipeline/stage.js';
import { annotate } from '../src/stages/annotate/annotate.js';

export interface AnnotateChildReport {
  records: number;
  /** runPipeline from start to end (modules already loaded). */
  wallMs: number;
  /** CPU time (user + system) this process used over the same span: the client's cost, apart from the machine's load. */
  cpuMs: number;
  /** The annotate stage's self time (manifest stages[].ms): what requests/s is measured over. */
  annotateMs: number;
  /** The stage's report in the manifest (requests asked, from the cache, answers bought, usage). */
  report: Record<string, Json>;
  /** sha256 of meta.jsonl, where the annotations land: a cached re-run must write the same. */
  metaSha256: string;
  peakRssMB: number;
}

const SUBJECTS = ['a sorted list', 'a hash map', 'a TCP socket', 'a JSON file', 'a cron job', 'a regex', 'a B-tree', 'a thread pool'];
const ASKS = ['How do I reverse', 'When should I avoid', 'What is the cost of copying', 'How do I test', 'Why would I cache'];

/** N distinct short questions: the index keeps them apart, so every one is its own request. */
export const benchQuestion = (i: number): string => `${ASKS[i % ASKS.length]} ${SUBJECTS[Math.floor(i / ASKS.length) % SUBJECTS.length]} (case ${i})?`;

const questions = defineSource(
  'bench-questions',
  z.strictObject({ count: z.int().positive() }),
  async function* (_inputs, options, ctx) {
    for (let i = 0; i < options.count; i++) {
      ctx.countIn();
      yield { id: `q${i}`, source: { uri: 'memory://bench-questions' }, data: { question: benchQuestion(i) }, meta: {} } satisfies Item<{ question: string }>;
    }
  },
  () => [],
);

export const Label = z.object({ topic: z.string(), difficulty: z.enum(['easy', 'medium', 'hard']) });
export const benchPrompt = (question: string) => `Give the topic and difficulty of this question: ${question}`;
export const BENCH_MODEL = 'gpt-4o-mini-2024-07-18';
export const BENCH_MAX_TOKENS = 64;

export const benchAnnotatePipeline = (count: number, concurrency: number) =>
  pipeline('bench-annotate', { model: BENCH_MODEL })
    .from(questions({ count }))
    .pipe(
      annotate<{ question: string }, typeof Label>({
        model: BENCH_MODEL,
        prompt: (d) => benchPrompt(d.question),
        schema: Label,
        concurrency,
        maxTokens: BENCH_MAX_TOKENS,
      }),
    );

// Info lines (the estimate) would print four times per bench; warnings and errors are worth seeing.
const quiet: Logger = {
  info() {},
  warn: (m) => process.stderr.write(`annotate bench: warning: ${m}\n`),
  error: (m) => process.stderr.write(`annotate bench: error: ${m}\n`),
  child: () => quiet,
};

/** One run of the bench pipeline; exported so the test can run it in-process at a tiny size. */
export const runAnnotateBench = async (count: number, concurrency: number, cacheDir: string, outDir: string): Promise<AnnotateChildReport> => {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const result = await runPipeline(benchAnnotatePipeline(count, concurrency), { outDir, cacheDir, log: quiet });
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const stage = result.stages.find((s) => s.name === 'annotate');
  if (!stage) throw new Error('the run has no annotate stage in its manifest');
  return {
    records: count,
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    annotateMs: stage.ms,
    report: result.manifest.reports['annotate'] as Record<string, Json>,
    metaSha256: result.manifest.files['meta.jsonl']?.sha256 ?? '',
    peakRssMB: process.resourceUsage().maxRSS / 1024,
  };
};
