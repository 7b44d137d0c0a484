import { oneLine, type Block } from './blocks.js';

/**
 * Renders blocks as plain text with no markup: blocks separated by one blank line, list items one per line
 * without bullets, code verbatim, table rows one per line with cells separated by a tab (as a browser's
 * `innerText` does).
 */
export function toText(blocks: readonly Block[]): string {
  return renderBlocks(blocks, '\n\n');
}

function renderBlocks(blocks: readonly Block[], separator: string): string {
  let out = '';
  for (const block of blocks) {
    const text = renderBlock(block);
    if (text === '') continue;
    out += out === '' ? text : separator + text;
  }
  return out;
}

/** Cells separated by tabs; trailing empty cells (colspan padding) leave no trailing tabs. */
function rowText(row: readonly (readonly Block[])[]): string {
  const cells = row.map(cellText);
  while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
  return cells.join('\t');
}

function cellText(cell: readonly Block[]): string {
  const only = cell.length === 1 ? cell[0] : undefined;
  return only?.kind === 'paragraph' ? oneLine(only.text) : oneLine(renderBlocks(cell, '\n'));
}

function renderBlock(block: Block): string {
  switch (block.kind) {
    case 'paragraph':
    case 'heading':
      return block.text;
    case 'code':
      return block.code;
    case 'list':
      return block.items.map((item) => renderBlocks(item, '\n')).filter((item) => item !== '').join('\n');
    case 'quote':
      return renderBlocks(block.blocks, '\n\n');
    case 'table':
      return block.rows.map(rowText).join('\n');
    case 'rule':
      return '';
  }
}
