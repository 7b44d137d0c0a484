import { formatInt } from '../format-table.js';

/** What a listing held back, in the words of its last lines. */
export interface Tally {
  /** Lines of this kind in the run (from the manifest). */
  total: number;
  /** Lines that passed --id/--grep; undefined when neither was given. */
  matched?: number;
  shown: number;
}

const MORE = '; --limit N (0 for all) to see more';

/** "showing 10 of 1,360 train examples; --limit N ..." and its variants with a filter. */
export const summaryLine = (t: Tally, noun: (n: number) => string, filter: string | undefined): string => {
  if (filter === undefined || t.matched === undefined) {
    if (t.total === 0) return `no ${noun(1)}`;
    return `showing ${formatInt(t.shown)} of ${formatInt(t.total)} ${noun(t.total)}${t.shown < t.total ? MORE : ''}`;
  }
  if (t.matched === 0) return `no ${noun(1)} matches ${filter} (${formatInt(t.total)} searched)`;
  return `showing ${formatInt(t.shown)} of ${formatInt(t.matched)} ${noun(t.matched)} matching ${filter} (of ${formatInt(t.total)})${t.shown < t.matched ? MORE : ''}`;
};
