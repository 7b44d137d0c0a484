/**
 * A plain-text table for terminals and logs: text columns (the first `textColumns`, or those listed)
 * left-aligned, the rest (numbers) right-aligned.
 */
export const formatTable = (header: readonly string[], rows: readonly (readonly string[])[], textColumns: number | readonly number[] = 1): string => {
  const isText = (i: number) => (typeof textColumns === 'number' ? i < textColumns : textColumns.includes(i));
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (isText(i) ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
};

export const formatInt = (n: number): string => n.toLocaleString('en-US');

export const formatMs = (ms: number): string => (ms < 1000 ? `${Math.round(ms)}ms` : `${(ms / 1000).toFixed(1)}s`);

/** Dollars with cents; below $1 with up to four decimals so small estimates do not show as $0.00. */
export const formatUsd = (usd: number): string => `$${usd < 1 ? usd.toFixed(4).replace(/0{1,2}$/, '') : usd.toFixed(2)}`;
