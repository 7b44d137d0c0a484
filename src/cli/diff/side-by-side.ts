/** One row of a side-by-side view: ' ' same on both sides, '|' differs, '<' only old, '>' only new. */
export interface AlignedRow {
  left: string;
  right: string;
  mark: ' ' | '|' | '<' | '>';
}

type Op = { kind: 'same' | 'del' | 'ins'; text: string };

// Past this many LCS cells (lines x lines) the two sides are paired line by line instead: a
// transcript that long is shown in hunks anyway, and the table would cost too much memory.
const MAX_CELLS = 4_000_000;

/** The longest common subsequence walk over two line lists. */
const diffOps = (a: readonly string[], b: readonly string[]): Op[] => {
  const n = a.length;
  const m = b.length;
  if (n * m > MAX_CELLS) return pairwise(a, b);
  const lcs = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) ops.push({ kind: 'same', text: a[i++]! }), j++;
    else if (j < m && (i === n || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) ops.push({ kind: 'ins', text: b[j++]! });
    else ops.push({ kind: 'del', text: a[i++]! });
  }
  return ops;
};

const pairwise = (a: readonly string[], b: readonly string[]): Op[] =>
  Array.from({ length: Math.max(a.length, b.length) }, (_, k): Op[] => {
    if (a[k] === b[k]) return [{ kind: 'same', text: a[k]! }];
    return [...(k < a.length ? [{ kind: 'del' as const, text: a[k]! }] : []), ...(k < b.length ? [{ kind: 'ins' as const, text: b[k]! }] : [])];
  }).flat();

/**
 * Lines of the old and new version aligned as sdiff aligns them: common lines side by side, and
 * in each stretch of differences, removed and added lines paired up ('|') before the rest.
 */
export const alignLines = (a: readonly string[], b: readonly string[]): AlignedRow[] => {
  const rows: AlignedRow[] = [];
  let dels: string[] = [];
  let ins: string[] = [];
  const flush = () => {
    for (let k = 0; k < Math.max(dels.length, ins.length); k++) {
      const left = dels[k];
      const right = ins[k];
      rows.push({ left: left ?? '', right: right ?? '', mark: left === undefined ? '>' : right === undefined ? '<' : '|' });
    }
    dels = [];
    ins = [];
  };
  for (const op of diffOps(a, b)) {
    if (op.kind === 'del') dels.push(op.text);
    else if (op.kind === 'ins') ins.push(op.text);
    else flush(), rows.push({ left: op.text, right: op.text, mark: ' ' });
  }
  flush();
  return rows;
};

const expandTabs = (text: string) => [...text.replace(/\t/g, '  ')];

/** A line cut to `width` characters (code points), ending in … when cut, then padded. */
export const fitColumn = (text: string, width: number): string => {
  const chars = expandTabs(text);
  const fitted = chars.length > width ? `${chars.slice(0, Math.max(0, width - 1)).join('')}…` : chars.join('');
  return fitted + ' '.repeat(Math.max(0, width - [...fitted].length));
};

/**
 * A line in pieces of at most `width`, continuations indented as the line is (a message's text
 * stays under its role), at most `rows` pieces, the last ending in … when more is left.
 */
export const wrapColumn = (text: string, width: number, rows: number): string[] => {
  const chars = expandTabs(text);
  const firstText = chars.findIndex((c) => c !== ' ');
  const indent = Math.min(firstText < 0 ? 0 : firstText, Math.floor(width / 2));
  const pieces: string[] = [];
  let at = 0;
  while (at < chars.length && pieces.length < rows) {
    const lead = pieces.length === 0 ? 0 : indent;
    const room = width - lead;
    const last = pieces.length === rows - 1 && chars.length - at > room;
    pieces.push(' '.repeat(lead) + chars.slice(at, at + (last ? room - 1 : room)).join('') + (last ? '…' : ''));
    at += room;
  }
  return pieces.length > 0 ? pieces : [''];
};

export interface SideBySideOptions {
  /** Total width in characters. */
  width: number;
  titles: [string, string];
  /** Unchanged lines shown around each change; longer stretches are summed up in one line. @default 2 */
  context?: number;
  /** A changed line is wrapped to at most this many rows so all of it shows; unchanged ones are cut. @default 8 */
  wrapRows?: number;
}

/**
 * Two columns, old and new, with a mark between them ('|' differs, '<' only old, '>' only new).
 * Like a unified diff, only the changes and a few lines around them are shown. Changed lines
 * wrap, so a difference at the end of a long line is seen; unchanged ones are cut to the column.
 */
export const renderSideBySide = (rows: readonly AlignedRow[], options: SideBySideOptions): string[] => {
  const { width, titles, context = 2, wrapRows = 8 } = options;
  const column = Math.max(10, Math.floor((width - 3) / 2));
  const line = (l: string, mark: string, r: string) => `${fitColumn(l, column)} ${mark} ${fitColumn(r, column)}`.trimEnd();
  const near = new Uint8Array(rows.length);
  rows.forEach((row, i) => {
    if (row.mark === ' ') return;
    for (let k = Math.max(0, i - context); k <= Math.min(rows.length - 1, i + context); k++) near[k] = 1;
  });
  const out = [line(titles[0], ' ', titles[1]), line('-'.repeat(column), ' ', '-'.repeat(column))];
  let skipped = 0;
  const flushSkipped = () => {
    if (skipped > 0) out.push(line(`⋯ ${skipped} unchanged line${skipped === 1 ? '' : 's'}`, ' ', ''));
    skipped = 0;
  };
  rows.forEach((row, i) => {
    if (!near[i]) return void skipped++;
    flushSkipped();
    if (row.mark === ' ') return void out.push(line(row.left, ' ', row.right));
    const left = row.mark === '>' ? [''] : wrapColumn(row.left, column, wrapRows);
    const right = row.mark === '<' ? [''] : wrapColumn(row.right, column, wrapRows);
    for (let k = 0; k < Math.max(left.length, right.length); k++) out.push(line(left[k] ?? '', row.mark, right[k] ?? ''));
  });
  flushSkipped();
  return out;
};
