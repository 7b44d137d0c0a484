import { expect, test } from 'vitest';
import { CODES_PER_STAGE, formatRunSummary } from '../../src/cli/run-summary.js';
import type { StageSummary } from '../../src/pipeline/manifest.js';

const stage = (name: string, dropped: Record<string, number>): StageSummary => {
  const total = Object.values(dropped).reduce((a, b) => a + b, 0);
  const examples = Object.fromEntries(Object.keys(dropped).map((code) => [code, [{ id: `${code}-1` }]]));
  return { name, in: 100 + total, expanded: 0, out: 100, dropped, examples, errored: 0, ms: 12 };
};

test('every drop code of a stage is listed, not only the top three', () => {
  const summary = formatRunSummary([stage('clean', { too_short: 4, missing_content: 3, too_long: 2, empty_lines: 1 })]);
  expect(summary).toBe(
    [
      'stage   in  expanded  out  dropped  errored  time',
      'clean  110         0  100       10        0  12ms',
      '',
      'Drop reasons (every record is in rejected.jsonl with its reason):',
      'stage  code             records  for example',
      'clean  too_short              4  too_short-1',
      'clean  missing_content        3  missing_content-1',
      'clean  too_long               2  too_long-1',
      'clean  empty_lines            1  empty_lines-1',
    ].join('\n'),
  );
});

test(`past ${CODES_PER_STAGE} codes a stage's rarest share one "+N more" row that names them`, () => {
  const codes = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`code_${String.fromCharCode(97 + i)}`, 20 - i]));
  const lines = formatRunSummary([stage('quality', codes), stage('dedupe', { duplicate: 5 })]).split('\n');
  const rows = lines.slice(lines.indexOf('Drop reasons (every record is in rejected.jsonl with its reason):') + 2);
  expect(rows.map((r) => r.split(/ {2,}/).slice(0, 3))).toEqual([
    ...['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((c, i) => ['quality', `code_${c}`, String(20 - i)]),
    ['quality', '+4 more', String(13 + 12 + 11 + 10)],
    ['dedupe', 'duplicate', '5'],
  ]);
  expect(rows[7]).toMatch(/ {2}code_h 13, code_i 12, code_j 11, code_k 10$/);
});

test('a crawl adds its change counts from reports.scrape', () => {
  const reports = {
    scrape: { pages: 1200, new: 30, same: 1150, changed: 20, removed: [{ url: 'a', reason: 'gone' }, { url: 'b', reason: 'unreachable' }, { url: 'c', reason: 'gone' }], truncatedAtMaxPages: false },
  };
  expect(formatRunSummary([stage('scrape', {})], reports).split('\n').slice(-1)).toEqual(['Crawl: 1,200 pages, 30 new, 1,150 same, 20 changed, 3 removed (2 gone, 1 unreachable) since the last crawl']);
  const cut = { scrape: { ...reports.scrape, removed: [], truncatedAtMaxPages: true } };
  expect(formatRunSummary([stage('scrape', {})], cut).split('\n').slice(-1)).toEqual(['Crawl: 1,200 pages, 30 new, 1,150 same, 20 changed, 0 removed since the last crawl; stopped at maxPages']);
});

test('no crawl, no crawl line; no drop, a sentence saying so', () => {
  expect(formatRunSummary([stage('format', {})], { 'token-check': { model: 'x' } })).toBe(
    ['stage    in  expanded  out  dropped  errored  time', 'format  100         0  100        0        0  12ms', '', 'No record was dropped.'].join('\n'),
  );
});

test("an annotator's spend: answers bought with their cost and tokens, cache hits, errors, and a stop at maxCost", () => {
  const reports = {
    annotate: { requests: { distinct: 231, fromCache: 31, answersBought: 180 }, usage: { promptTokens: 120_000, completionTokens: 9_000 }, costUsd: 0.0234, price: { inputPerMTokens: 0.15 }, errors: { invalid_json: 2 }, budgetStopped: false },
    judge: { requests: { distinct: 10, fromCache: 0, answersBought: 1 }, usage: { promptTokens: 50, completionTokens: 5 }, costUsd: 0.000011, price: {}, errors: {}, budgetStopped: true, maxCostUsd: 0.001, overBudget: 9 },
  };
  expect(formatRunSummary([stage('annotate', {})], reports).split('\n').slice(-3)).toEqual([
    'Annotation:',
    '  annotate: 180 answers bought ($0.0234, 120,000 input + 9,000 output tokens), 31 of 231 requests from the cache, 2 errors',
    '  judge: 1 answer bought ($0.000011, 50 input + 5 output tokens), 0 of 10 requests from the cache; STOPPED at maxCost $0.001: 9 records not annotated',
  ]);
});
