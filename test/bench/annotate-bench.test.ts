import { resolve } from 'node:path';
import { expect, test } from 'vitest';
import { benchAnnotate, type AnnotateBenchResult, type AnnotateRun } from '../../bench/annotate.js';
import { annotateScale } from '../../bench/annotate-scale.js';
import { evaluateAnnotate } from '../../bench/annotate-targets.js';

const ROOT = resolve(import.meta.dirname, '../..');

const run = (over: Partial<AnnotateRun> & { bought: number; errors?: Record<string, number> }): AnnotateRun => ({
  records: 1000,
  wallMs: over.annotateMs ?? 1000,
  cpuMs: 100,
  annotateMs: 1000,
  report: { requests: { answersBought: over.bought }, errors: over.errors ?? {} },
  metaSha256: 'a'.repeat(64),
  peakRssMB: 100,
  requestsSent: over.bought,
  chatRequests: over.bought,
  serverCpuMs: 50,
  requestsPerSec: 0,
  ...over,
});

/** 1,000 annotations: the first run at `perSec`, the re-run `speedup` times faster. */
const result = (perSec: number, speedup: number, cached: Partial<AnnotateRun> = {}, first: Partial<AnnotateRun> & { bought?: number } = {}): AnnotateBenchResult => {
  const firstMs = (1000 / perSec) * 1000;
  return {
    annotations: 1000,
    concurrency: 16,
    latencyMs: 200,
    idealPerSec: 80,
    first: run({ bought: 1000, annotateMs: firstMs, requestsPerSec: perSec, ...first }),
    cached: run({ bought: 0, annotateMs: firstMs / speedup, ...cached }),
  };
};

const verdicts = (r: AnnotateBenchResult) => evaluateAnnotate(r).map((v) => v.verdict);

test('the full benchmark asks for 10,000 annotations; a smoke run (--records 2000) for 800; --annotations wins', () => {
  expect(annotateScale([50_000, 200_000])).toBe(10_000);
  expect(annotateScale([2000])).toBe(800);
  expect(annotateScale([100])).toBe(100);
  expect(annotateScale([49_999])).toBe(10_000);
  expect(annotateScale([2000], 50)).toBe(50);
});

test('64 req/s is 80% of 16 / 200 ms; a silent re-run 50x faster with the same annotations passes all four', () => {
  const r = result(64, 50);
  expect(evaluateAnnotate(r)).toEqual([
    { target: 'annotation throughput >= 80% of ideal 80.0 req/s (concurrency 16, 200 ms) @ 1,000 annotations', value: '64.0 req/s (80.0%)', verdict: 'PASS' },
    { target: 'cached re-run sends nothing @ 1,000 annotations', value: '0 requests (0 chat), 0 answers bought', verdict: 'PASS' },
    { target: 'cached re-run >= 50x faster than the first (annotate stage) @ 1,000 annotations', value: '50.0x (15.6s vs 0.31s; whole run 50.0x)', verdict: 'PASS' },
    { target: 'cached re-run writes the same annotations @ 1,000 annotations', value: `meta.jsonl sha256 ${'a'.repeat(12)}`, verdict: 'PASS' },
  ]);
});

test('each target misses on its own: slower than 64 req/s, a request sent, under 50x, other annotations', () => {
  expect(verdicts(result(63.9, 50))).toEqual(['MISS', 'PASS', 'PASS', 'PASS']);
  expect(verdicts(result(80, 50, { requestsSent: 1, chatRequests: 0 }))).toEqual(['PASS', 'MISS', 'PASS', 'PASS']);
  expect(verdicts(result(80, 50, { report: { requests: { answersBought: 1 }, errors: {} } }))).toEqual(['PASS', 'MISS', 'PASS', 'PASS']);
  expect(verdicts(result(80, 49.9))).toEqual(['PASS', 'PASS', 'MISS', 'PASS']);
  expect(verdicts(result(80, 50, { metaSha256: 'b'.repeat(64) }))).toEqual(['PASS', 'PASS', 'PASS', 'MISS']);
});

test('a fast first run that did not answer every record, or had error entries, misses the throughput target', () => {
  const short = evaluateAnnotate(result(80, 50, {}, { bought: 990, report: { requests: { answersBought: 990 }, errors: {} } }))[0]!;
  expect(short).toMatchObject({ value: '990 of 1,000 answered, 0 errors', verdict: 'MISS' });
  const errors = evaluateAnnotate(result(80, 50, {}, { report: { requests: { answersBought: 1000 }, errors: { request_failed: 2 } } }))[0]!;
  expect(errors).toMatchObject({ value: '1,000 of 1,000 answered, 2 errors', verdict: 'MISS' });
});

test('a crashed run misses every target and says why', () => {
  const r: AnnotateBenchResult = { annotations: 10, concurrency: 16, latencyMs: 200, idealPerSec: 80, error: 'annotate child exited with code 1' };
  expect(evaluateAnnotate(r).map((v) => [v.value, v.verdict])).toEqual(Array(4).fill(['crashed: annotate child exited with code 1', 'MISS']));
});

test('end to end at a tiny size: the fake counts every request of the first run and none of the cached re-run', { timeout: 120_000 }, async () => {
  const r = await benchAnnotate(ROOT, { annotations: 12, latencyMs: 1 });
  expect(r.error).toBeUndefined();
  expect(r.first).toMatchObject({ records: 12, requestsSent: 12, chatRequests: 12, report: { requests: { distinct: 12, fromCache: 0, asked: 12, answersBought: 12 }, errors: {} } });
  expect(r.cached).toMatchObject({ records: 12, requestsSent: 0, chatRequests: 0, report: { requests: { distinct: 12, fromCache: 12, asked: 0, answersBought: 0 } } });
  expect(r.cached!.metaSha256).toBe(r.first!.metaSha256);
  expect(r.first!.metaSha256).toMatch(/^[0-9a-f]{64}$/);
  const [, silent, , same] = evaluateAnnotate(r);
  expect([silent!.verdict, same!.verdict]).toEqual(['PASS', 'PASS']);
});
