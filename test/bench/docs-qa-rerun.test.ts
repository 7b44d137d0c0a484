import { expect, test } from 'vitest';
import { evaluateDocsQaRerun, type DocsQaRerunResult } from '../../bench/docs-qa-rerun.js';

const run = (wallMs: number, requests: { requests: number; conditional: number; notModified: number }) => ({ mode: 'docs-qa' as const, pages: 101, wallMs, peakRssMB: 200, requests });
const result = (rerunMs: number, conditional: number, sameData = true): DocsQaRerunResult => ({
  pages: 100,
  concurrency: 10,
  first: run(4000, { requests: 103, conditional: 0, notModified: 0 }),
  rerun: run(rerunMs, { requests: 103, conditional, notModified: conditional }),
  ratio: rerunMs / 4000,
  sameData,
});

test('the re-run passes at 25% of the first run, with every request conditional and answered 304, and the same data', () => {
  expect(evaluateDocsQaRerun(result(1000, 103)).map((v) => [v.value, v.verdict])).toEqual([
    ['25.0% (1.00s vs 4.00s)', 'PASS'],
    ['103 of 103 conditional, 103 answered 304', 'PASS'],
    ['same sha256', 'PASS'],
  ]);
});

test('a slower re-run, one unconditional request or other data each miss', () => {
  expect(evaluateDocsQaRerun(result(1004, 102, false)).map((v) => v.verdict)).toEqual(['MISS', 'MISS', 'MISS']);
  expect(evaluateDocsQaRerun({ pages: 100, concurrency: 10, ratio: null, sameData: false, error: 'crawl child (docs-qa) exited with 1' })).toEqual([
    { target: 'docs-qa re-run', value: 'crawl child (docs-qa) exited with 1', verdict: 'n/a' },
  ]);
});
