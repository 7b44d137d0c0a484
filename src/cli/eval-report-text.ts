import type { Comparison, EvaluationRecord, ModelSpend } from '../train/eval/eval-types.js';
import { formatDifference, formatScore } from '../train/eval/format-score.js';
import type { ScorerSpend } from '../train/eval/scorer-types.js';
import { formatInt, formatTable, formatUsd } from './format-table.js';

const usd = (x: number | null) => (x === null ? '$?' : formatUsd(x));

/**
 * The scores table: one row per suite, scorer and model, with the difference from the baseline
 * and whether its 95% interval leaves out 0. It shows only what the answers decide, so a re-run
 * from the cache prints the same table as the run that paid.
 */
export const evalTable = (record: Pick<EvaluationRecord, 'scores' | 'comparisons'>): string => {
  const comparisons = new Map<string, Comparison>(record.comparisons.map((c) => [`${c.suite}\n${c.scorer}\n${c.model}`, c]));
  const compared = record.comparisons.length > 0;
  const header = ['suite', 'scorer', 'model', 'score', '95% interval', 'n', ...(compared ? ['vs baseline', '95% interval', ''] : [])];
  const rows = record.scores.map((s) => {
    // Nothing scored (every answer failed, or the judge graded none): no number to show.
    const row = [s.suite, s.scorer, s.model, ...(s.n === 0 ? ['-', '-'] : [formatScore(s.score, s.unit), `${formatScore(s.interval95.low, s.unit)}-${formatScore(s.interval95.high, s.unit)}`]), formatInt(s.n)];
    if (!compared) return row;
    const c = comparisons.get(`${s.suite}\n${s.scorer}\n${s.model}`);
    if (!c) return [...row, '', '', ''];
    if (c.n === 0) return [...row, '-', '-', 'no shared scores'];
    // `+33.3 to +88.9 pts`: the unit once, after the upper end.
    const interval = `${formatDifference(c.interval95.low, s.unit).replace(/ pts$/, '')} to ${formatDifference(c.interval95.high, s.unit)}`;
    return [...row, formatDifference(c.difference, s.unit), interval, c.significant ? 'significant' : 'not significant'];
  });
  // The last column (significant or not) reads as text.
  return formatTable(header, rows, compared ? [0, 1, 2, 8] : 3);
};

/**
 * What each model's answers cost now and when bought, one line per model:
 * `gpt-4o-mini-2024-07-18: 0 requests, $0.00 now; the answers cost $0.0004 when bought`.
 */
export const spendLine = (r: ModelSpend): string => {
  const now = `${r.model}: ${formatInt(r.requests)} request${r.requests === 1 ? '' : 's'}, ${usd(r.now.costUsd)} now`;
  const unpriced = r.now.answers > 0 && r.now.costUsd === null ? ` (no price: ${r.prices.basis})` : '';
  if (r.cached.answers === 0) return `${now}${unpriced}`;
  const which = r.now.answers === 0 ? 'the answers' : `the ${formatInt(r.cached.answers)} answers from the cache`;
  const bought = r.cached.costUsd === null ? `${which} came from the cache with no recorded cost` : `${which} cost ${usd(r.cached.costUsd)} when bought`;
  return `${now}${unpriced}; ${bought}`;
};

/**
 * What the judge spent, in the same words:
 * `judge gpt-4o-mini-2024-07-18: 0 requests, $0.00 now; the grades cost $0.0012 when bought`.
 */
export const scorerSpendLine = (s: ScorerSpend, scorer = 'judge'): string => {
  const now = `${scorer} ${s.model}: ${formatInt(s.requests)} request${s.requests === 1 ? '' : 's'}, ${usd(s.costUsd)} now`;
  const unpriced = s.requests > 0 && s.costUsd === null ? ` (no price: ${s.basis})` : '';
  if (s.cached === 0) return `${now}${unpriced}`;
  const which = s.requests === 0 ? 'the grades' : `the ${formatInt(s.cached)} grades from the cache`;
  const bought = s.cachedCostUsd === null ? `${which} came from the cache with no recorded cost` : `${which} cost ${usd(s.cachedCostUsd)} when bought`;
  return `${now}${unpriced}; ${bought}`;
};
