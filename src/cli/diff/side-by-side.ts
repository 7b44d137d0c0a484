/** One row of a side-by-side view: ' ' same on both sides, '|' differs, '<' only old, '>' only new. */
export interface AlignedRow {
  left: string;
  right: string;
  mark: ' ' | '|' | '<' | '>';
}

type Op = { kind: 'same' | 'del' | 'ins'; text: string };

/** The longest common subsequence walk over two short line lists (transcripts cut to a screen). */
const diffOps = (a: readonly string[], b: readonly string[]): Op[] => {
  const n = a.length;
  const m = b.length;
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

/** A line cut to `width` characters (code points), ending in … when cut, then padded. */
export const fitColumn = (text: string, width: number): string => {
  const chars = [...text.replace(/\t/g, '  ')];
  const fitted = chars.length > width ? `${chars.slice(0, Math.max(0, width - 1)).join('')}…` : chars.join('');
  return fitted + ' '.repeat(Math.max(0, width - [...fitted].length));
};

/** Two columns in `width` characters: old, a mark, new. */
export const renderSideBySide = (rows: readonly AlignedRow[], width: number, titles: [string, string]): string[] => {
  const column = Math.max(10, Math.floor((width - 3) / 2));
  const line = (l: string, mark: string, r: string) => `${fitColumn(l, column)} ${mark} ${fitColumn(r, column)}`.trimEnd();
  return [line(titles[0], ' ', titles[1]), line('-'.repeat(column), ' ', '-'.repeat(column)), ...rows.map((row) => line(row.left, row.mark, row.right))];
};
