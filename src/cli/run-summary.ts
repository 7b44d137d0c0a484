import { isRecord, type Json } from '../pipeline/item.js';
import type { StageSummary } from '../pipeline/manifest.js';
import { formatUsd } from '../stages/annotate/budget.js';
import { formatInt, formatMs, formatTable } from './format-table.js';

/**
 * Drop codes listed per stage before the rest are folded into one "+N more" row. The quality and
 * scrape stages have 11-12 codes; a run that hits all of them still gets a table that fits a screen.
 */
export const CODES_PER_STAGE = 8;

/** A stage's drop rows, most records first: every code up to the cap, then "+N more" naming the rest. */
const dropRows = (s: StageSummary): string[][] => {
  const codes = Object.entries(s.dropped).sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1));
  const shown = codes.length > CODES_PER_STAGE ? codes.slice(0, CODES_PER_STAGE - 1) : codes;
  const rows = shown.map(([code, n]) => [s.name, code, formatInt(n), (s.examples[code] ?? []).map((e) => e.id).join(', ')]);
  const rest = codes.slice(shown.length);
  if (rest.length > 0) {
    const records = rest.reduce((sum, [, n]) => sum + n, 0);
    rows.push([s.name, `+${rest.length} more`, formatInt(records), rest.map(([code, n]) => `${code} ${formatInt(n)}`).join(', ')]);
  }
  return rows;
};

const count = (v: unknown): number => (typeof v === 'number' ? v : 0);

/** The crawl's change counts against the last completed crawl (manifest `reports.scrape`), or undefined without a crawl. */
export const formatCrawlChanges = (reports: Record<string, Json> | undefined): string | undefined => {
  const scrape = reports?.['scrape'];
  if (!isRecord(scrape)) return undefined;
  const removed = Array.isArray(scrape['removed']) ? scrape['removed'] : [];
  const gone = removed.filter((r) => isRecord(r) && r['reason'] === 'gone').length;
  const why = removed.length > 0 ? ` (${formatInt(gone)} gone, ${formatInt(removed.length - gone)} unreachable)` : '';
  const cut = scrape['truncatedAtMaxPages'] === true ? '; stopped at maxPages' : '';
  return (
    `Crawl: ${formatInt(count(scrape['pages']))} pages, ${formatInt(count(scrape['new']))} new, ${formatInt(count(scrape['same']))} same, ` +
    `${formatInt(count(scrape['changed']))} changed, ${formatInt(removed.length)} removed${why} since the last crawl${cut}`
  );
};

/** Each LLM annotator's spend: what this run bought and what the cache answered (manifest `reports.<stage>.requests`). */
export const formatAnnotationSpend = (reports: Record<string, Json> | undefined): string[] =>
  Object.entries(reports ?? {}).flatMap(([stage, r]) => {
    if (!isRecord(r) || !isRecord(r['requests']) || typeof r['costUsd'] !== 'number') return [];
    const q = r['requests'];
    const cost = r['price'] === null ? 'no price known' : formatUsd(r['costUsd'] as number);
    const errors = isRecord(r['errors']) ? Object.values(r['errors']).reduce<number>((a, b) => a + count(b), 0) : 0;
    return [
      `${stage}: ${formatInt(count(q['answersBought']))} answer${count(q['answersBought']) === 1 ? '' : 's'} bought (${cost}, ${formatInt(count(isRecord(r['usage']) ? r['usage']['promptTokens'] : 0))} input + ` +
        `${formatInt(count(isRecord(r['usage']) ? r['usage']['completionTokens'] : 0))} output tokens), ${formatInt(count(q['fromCache']))} of ${formatInt(count(q['distinct']))} requests from the cache` +
        (errors > 0 ? `, ${formatInt(errors)} errors` : '') +
        (r['budgetStopped'] === true ? `; STOPPED at maxCost $${String(r['maxCostUsd'])}: ${formatInt(count(r['overBudget']))} records not annotated` : ''),
    ];
  });

/**
 * The end-of-run table (stage, in, expanded, out, dropped, errored, time), every drop code of every
 * stage with examples (past CODES_PER_STAGE a stage's rarest codes share one "+N more" row), and
 * for a crawl its change counts.
 */
export const formatRunSummary = (stages: readonly StageSummary[], reports?: Record<string, Json>): string => {
  const rows = stages.map((s) => {
    const dropped = Object.values(s.dropped).reduce((a, b) => a + b, 0);
    return [s.name, formatInt(s.in), formatInt(s.expanded), formatInt(s.out), formatInt(dropped), formatInt(s.errored), formatMs(s.ms)];
  });
  const parts = [formatTable(['stage', 'in', 'expanded', 'out', 'dropped', 'errored', 'time'], rows)];
  const reasons = stages.flatMap(dropRows);
  parts.push(
    reasons.length === 0
      ? 'No record was dropped.'
      : `Drop reasons (every record is in rejected.jsonl with its reason):\n${formatTable(['stage', 'code', 'records', 'for example'], reasons, [0, 1, 3])}`,
  );
  const crawl = formatCrawlChanges(reports);
  if (crawl !== undefined) parts.push(crawl);
  const spend = formatAnnotationSpend(reports);
  if (spend.length > 0) parts.push(`Annotation:\n${spend.map((l) => `  ${l}`).join('\n')}`);
  return parts.join('\n\n');
};
