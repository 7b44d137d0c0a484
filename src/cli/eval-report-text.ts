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

/** What one line of spend says: who asked, what it bought now, and what came from the cache. */
interface Spent {
  label: string;
  requests: number;
  /** Answers (or grades) bought now. */
  bought: number;
  costUsd: number | null;
  /** Why there is no price, when there is none. */
  basis: string;
  cached: number;
  cachedCostUsd: number | null;
  noun: 'answers' | 'grades';
}

const spentText = (s: Spent): string => {
  const now = `${s.label}: ${formatInt(s.requests)} request${s.requests === 1 ? '' : 's'}, ${usd(s.costUsd)} now`;
  const unpriced = s.bought > 0 && s.costUsd === null ? ` (no price: ${s.basis})` : '';
  if (s.cached === 0) return `${now}${unpriced}`;
  const which = s.bought === 0 ? `the ${s.noun}` : `the ${formatInt(s.cached)} ${s.noun} from the cache`;
  const bought = s.cachedCostUsd === null ? `${which} came from the cache with no recorded cost` : `${which} cost ${usd(s.cachedCostUsd)} when bought`;
  return `${now}${unpriced}; ${bought}`;
};

/**
 * What each model's answers cost now and when bought, one line per model:
 * `gpt-4o-mini-2024-07-18: 0 requests, $0.00 now; the answers cost $0.0004 when bought`.
 */
export const spendLine = (r: ModelSpend): string =>
  spentText({ label: r.model, requests: r.requests, bought: r.now.answers, costUsd: r.now.costUsd, basis: r.prices.basis, cached: r.cached.answers, cachedCostUsd: r.cached.costUsd, noun: 'answers' });

/**
 * What the judge spent, in the same words:
 * `judge gpt-4o-mini-2024-07-18: 0 requests, $0.00 now; the grades cost $0.0012 when bought`.
 */
export const scorerSpendLine = (s: ScorerSpend, scorer = 'judge'): string =>
  spentText({ label: `${scorer} ${s.model}`, requests: s.requests, bought: s.requests, costUsd: s.costUsd, basis: s.basis, cached: s.cached, cachedCostUsd: s.cachedCostUsd, noun: 'grades' });
