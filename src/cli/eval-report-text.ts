import type { ModelResult } from '../train/eval/evaluate.js';
import { formatInt, formatTable, formatUsd } from './format-table.js';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const usd = (x: number | null) => (x === null ? '$?' : formatUsd(x));

/**
 * The scores table: tokens and cost are those of every scored answer, cached or not, at what it
 * cost when bought, so a re-run from the cache prints the same table as the run that paid.
 */
export const evalTable = (results: readonly ModelResult[]): string =>
  formatTable(
    ['model', 'accuracy', '95% interval', 'n', 'tokens', 'cost'],
    results.map((r) => [
      r.model,
      pct(r.accuracy),
      `${pct(r.interval95.low)}-${pct(r.interval95.high)}`,
      formatInt(r.n),
      formatInt(r.promptTokens + r.completionTokens),
      usd(r.costUsd),
    ]),
  );

/**
 * What each model's answers cost now and when bought, one line per model:
 * `gpt-4o-mini-2024-07-18: 0 requests, $0.00 now; the answers cost $0.0004 when bought`.
 */
export const spendLine = (r: ModelResult): string => {
  const now = `${r.model}: ${formatInt(r.now.requests)} request${r.now.requests === 1 ? '' : 's'}, ${usd(r.now.costUsd)} now`;
  const unpriced = r.now.answers > 0 && r.now.costUsd === null ? ` (no price: ${r.prices.basis})` : '';
  if (r.cached.answers === 0) return `${now}${unpriced}`;
  const which = r.now.answers === 0 ? 'the answers' : `the ${formatInt(r.cached.answers)} answers from the cache`;
  const bought = r.cached.costUsd === null ? `${which} came from the cache with no recorded cost` : `${which} cost ${usd(r.cached.costUsd)} when bought`;
  return `${now}${unpriced}; ${bought}`;
};
