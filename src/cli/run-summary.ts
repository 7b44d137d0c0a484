import type { StageSummary } from '../pipeline/manifest.js';
import { formatInt, formatMs, formatTable } from './format-table.js';

const TOP_REASONS = 3;

/** The end-of-run table (stage, in, out, dropped by code, time) and each stage's top drop reasons. */
export const formatRunSummary = (stages: readonly StageSummary[]): string => {
  const rows = stages.map((s) => {
    const dropped = Object.values(s.dropped).reduce((a, b) => a + b, 0);
    return [s.name, formatInt(s.in), formatInt(s.expanded), formatInt(s.out), formatInt(dropped), formatInt(s.errored), formatMs(s.ms)];
  });
  const table = formatTable(['stage', 'in', 'expanded', 'out', 'dropped', 'errored', 'time'], rows);
  const reasons = stages.flatMap((s) =>
    Object.entries(s.dropped)
      .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
      .slice(0, TOP_REASONS)
      .map(([code, n]) => [s.name, code, formatInt(n), (s.examples[code] ?? []).map((e) => e.id).join(', ')]),
  );
  return reasons.length === 0
    ? `${table}\n\nNo record was dropped.`
    : `${table}\n\nTop drop reasons (every record is in rejected.jsonl with its reason):\n${formatTable(['stage', 'code', 'records', 'for example'], reasons, [0, 1, 3])}`;
};
