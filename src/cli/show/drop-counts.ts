import { UsageError } from '../../pipeline/errors.js';
import { isRecord } from '../../pipeline/item.js';
import { formatInt } from '../format-table.js';

/** Dropped records per stage and code, as the manifest counted them (a record error counts as code `error`). */
export type DropCounts = Map<string, Map<string, number>>;

export const dropCounts = (stages: unknown): DropCounts => {
  const counts: DropCounts = new Map();
  for (const s of Array.isArray(stages) ? stages : []) {
    if (!isRecord(s) || typeof s['name'] !== 'string') continue;
    const codes = new Map<string, number>();
    for (const [code, n] of Object.entries(isRecord(s['dropped']) ? s['dropped'] : {})) if (typeof n === 'number' && n > 0) codes.set(code, n);
    if (typeof s['errored'] === 'number' && s['errored'] > 0) codes.set('error', s['errored']);
    counts.set(s['name'], codes);
  }
  return counts;
};

const byCount = (codes: Iterable<[string, number]>) => [...codes].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1));
const list = (codes: Iterable<[string, number]>) => byCount(codes).map(([c, n]) => `${c} ${formatInt(n)}`).join(', ');

/** Every code over all stages, summed. */
const allCodes = (counts: DropCounts): Map<string, number> => {
  const all = new Map<string, number>();
  for (const codes of counts.values()) for (const [c, n] of codes) all.set(c, (all.get(c) ?? 0) + n);
  return all;
};

/** Every record dropped or errored in the run, by code over all stages, most first. */
export const codesByCount = (stages: unknown): [string, number][] => byCount(allCodes(dropCounts(stages)));

const sum = (codes: Iterable<number>) => [...codes].reduce((a, n) => a + n, 0);

/** How many records --stage/--code select; a stage or code the run does not have is a usage error naming what it has. */
export const selectedCount = (counts: DropCounts, stage: string | undefined, code: string | undefined): number => {
  if (stage !== undefined) {
    const codes = counts.get(stage);
    if (codes === undefined) {
      const stages = [...counts].map(([s, c]) => `${s} ${formatInt(sum(c.values()))}`).join(', ');
      throw new UsageError(`--stage ${stage}: the run has no stage of that name; its stages and their drops: ${stages}`);
    }
    if (code === undefined) return sum(codes.values());
    if (codes.has(code)) return codes.get(code)!;
    throw new UsageError(
      `--code ${code}: stage ${stage} dropped no record with that code; ${codes.size > 0 ? `its codes: ${list(codes)}` : 'it dropped nothing'}`,
    );
  }
  const all = allCodes(counts);
  if (code === undefined) return sum(all.values());
  if (all.has(code)) return all.get(code)!;
  throw new UsageError(`--code ${code}: no rejected record has that code; ${all.size > 0 ? `the codes in this run: ${list(all)}` : 'the run dropped nothing'}`);
};

/** "import-ar-lsat: invalid_record 2, no_questions 1; dedupe: duplicate 5" for the stages that dropped anything. */
export const breakdown = (counts: DropCounts, stage: string | undefined): string =>
  [...counts]
    .filter(([s, codes]) => codes.size > 0 && (stage === undefined || s === stage))
    .map(([s, codes]) => `${s}: ${list(codes)}`)
    .join('; ');
