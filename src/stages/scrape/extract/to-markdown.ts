import { oneLine, type Block } from './blocks.js';

/**
 * Renders blocks as CommonMark with GFM tables and strikethrough. Blocks are separated by one blank line;
 * inside a list item a nested list follows its text directly, keeping simple lists tight.
 */
export function toMarkdown(blocks: readonly Block[]): string {
  return renderBlocks(blocks, false);
}

function renderBlocks(blocks: readonly Block[], inItem: boolean): string {
  let out = '';
  let previous: Block | undefined;
  for (const block of blocks) {
    const md = renderBlock(block);
    if (md === '') continue;
    if (previous !== undefined) out += inItem && (block.kind === 'list' || previous.kind === 'list') ? '\n' : '\n\n';
    out += md;
    previous = block;
  }
  return out;
}

function renderBlock(block: Block): string {
  switch (block.kind) {
    case 'paragraph':
      return block.md;
    case 'heading':
      return `${'#'.repeat(block.level)} ${block.md}`;
    case 'code': {
      const fence = codeFence(block.code);
      return `${fence}${block.lang}\n${block.code}\n${fence}`;
    }
    case 'list':
      return block.items
        .map((item, i) => {
          const marker = block.ordered ? `${block.start + i}. ` : '- ';
          // Continuation lines are indented to the item's content column: 2 for `- `, 3 for `1. `, and so on,
          // which is what makes a nested list belong to its item.
          return prefixLines(renderBlocks(item, true), marker, ' '.repeat(marker.length));
        })
        .join('\n');
    case 'quote':
      return renderBlocks(block.blocks, false)
        .split('\n')
        .map((line) => (line === '' ? '>' : `> ${line}`))
        .join('\n');
    case 'table':
      return renderTable(block.rows);
    case 'rule':
      return '---';
  }
}

/** The first line gets `first`, later non-empty lines `rest`. */
function prefixLines(md: string, first: string, rest: string): string {
  if (!md.includes('\n')) return first + md;
  return md
    .split('\n')
    .map((line, i) => (i === 0 ? first + line : line === '' ? '' : rest + line))
    .join('\n');
}

/** Three backticks, or one more than the longest run of backticks in the code. */
function codeFence(code: string): string {
  let longest = 0;
  for (const run of code.match(/`{3,}/g) ?? []) longest = Math.max(longest, run.length);
  return '`'.repeat(Math.max(3, longest + 1));
}

/**
 * A GFM table. GFM has no table without a header row, so the first row is the header whether or not the page
 * marked it as one. Cells are one line each: their blocks are joined by spaces, and `|` is escaped.
 */
function renderTable(rows: readonly (readonly Block[][])[]): string {
  const columns = rows.reduce((max, row) => Math.max(max, row.length), 0);
  const lines: string[] = [];
  for (const row of rows) {
    const cells: string[] = [];
    for (let i = 0; i < columns; i++) cells.push(cellMarkdown(row[i] ?? []));
    lines.push(`| ${cells.join(' | ')} |`);
    if (lines.length === 1) lines.push(`|${' --- |'.repeat(columns)}`);
  }
  return lines.join('\n');
}

function cellMarkdown(cell: readonly Block[]): string {
  // Most cells are one short paragraph.
  const only = cell.length === 1 ? cell[0] : undefined;
  const md = only?.kind === 'paragraph' && !only.md.includes('\n') ? only.md : oneLine(renderBlocks(cell, true));
  return md.includes('|') ? md.replace(/\|/g, '\\|') : md;
}
