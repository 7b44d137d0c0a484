/**
 * The content as a tree of blocks, built by one DOM walk (to-blocks.ts) and rendered twice, as markdown
 * (to-markdown.ts) and plain text (to-text.ts). Inline content is already rendered both ways.
 */
export type Block =
  | { kind: 'paragraph'; md: string; text: string }
  | { kind: 'heading'; level: number; md: string; text: string }
  | { kind: 'code'; lang: string; code: string }
  | { kind: 'list'; ordered: boolean; start: number; items: Block[][] }
  | { kind: 'quote'; blocks: Block[] }
  /** Rows of cells, each cell a block sequence; the first row is the header. */
  | { kind: 'table'; rows: Block[][][] }
  | { kind: 'rule' };

/** Multi-line content as one line, for a table cell: lines trimmed and joined by single spaces. */
export function oneLine(s: string): string {
  if (!s.includes('\n')) return s;
  return s
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join(' ');
}
