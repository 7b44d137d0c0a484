import type { Block } from './blocks.js';
import { codeLanguage, preText } from './code-block.js';
import { collapseWhitespace, isElement, keyword, MAX_DEPTH, pushChildren, textOf, type DomElement, type DomNode } from './dom.js';
import { INLINE_KINDS, KINDS } from './element-kinds.js';
import { InlineBuffer } from './inline.js';
import type { Resolve } from './links.js';
import { escapeHeading, escapeLineStarts, linkDestination } from './markdown-escape.js';
import type { SamePage } from './permalink.js';

const MAX_COLSPAN = 50;

/** A block-level context with its own blocks and inline buffer: the page, a list item, a quote, a table cell. */
class Container {
  readonly blocks: Block[] = [];
  readonly inline = new InlineBuffer();
}

/**
 * Converts the content root to blocks in one walk, skipping `removed` subtrees (permalink anchors among
 * them); links resolve with `resolve`, and `samePage` tells which lead to the page itself.
 */
export function toBlocks(root: DomNode, removed: ReadonlySet<DomNode>, resolve: Resolve, samePage: SamePage): Block[] {
  const walker = new Walker(removed, resolve, samePage);
  return walker.container(isElement(root) ? [root] : (root.children ?? []));
}

class Walker {
  private current = new Container();
  private inHeading = false;
  private depth = 0;

  constructor(
    private readonly removed: ReadonlySet<DomNode>,
    private readonly resolve: Resolve,
    private readonly samePage: SamePage,
  ) {}

  /** Walks `nodes` in a fresh container (a list item, a quote, a cell) and returns the blocks they make. */
  container(nodes: readonly DomNode[]): Block[] {
    const outer = this.current;
    const inner = new Container();
    this.current = inner;
    try {
      for (const node of nodes) this.node(node);
      this.endParagraph();
    } finally {
      this.current = outer;
    }
    return inner.blocks;
  }

  children(parent: DomNode): void {
    for (const child of parent.children ?? []) this.node(child);
  }

  node(node: DomNode): void {
    if (node.type === 'text') this.current.inline.addText(node.data ?? '');
    else if (isElement(node) && !this.removed.has(node)) this.element(node);
  }

  element(el: DomElement): void {
    if (this.depth >= MAX_DEPTH) return this.flat(el);
    this.depth++;
    this.dispatch(el);
    this.depth--;
  }

  /**
   * Content nested past MAX_DEPTH (only broken pages get there) is read iteratively as plain text: words,
   * and a line break at each block element or `<br>`.
   */
  private flat(el: DomElement): void {
    const inline = this.current.inline;
    const stack: DomNode[] = [el];
    for (let n = stack.pop(); n !== undefined; n = stack.pop()) {
      if (n.type === 'text') inline.addText(n.data ?? '');
      else if (isElement(n) && !this.removed.has(n)) {
        const kind = KINDS.get(n.name);
        if (kind === 'skip') continue;
        if (!INLINE_KINDS.has(kind)) inline.lineBreak();
        pushChildren(stack, n);
      }
    }
  }

  private dispatch(el: DomElement): void {
    const kind = KINDS.get(el.name);
    switch (kind) {
      case undefined:
        return this.children(el);
      case 'skip':
        return;
      case 'block':
        return this.block(el);
      case 'heading':
        return this.heading(el, Number(el.name.charAt(1)));
      case 'list':
        return this.list(el);
      case 'pre':
        return this.pre(el);
      case 'quote':
        return this.quote(el);
      case 'table':
        return this.table(el);
      case 'rule':
        if (this.inHeading) return;
        this.endParagraph();
        this.current.blocks.push({ kind: 'rule' });
        return;
      case 'br':
        if (this.inHeading) this.current.inline.softBreak();
        else this.current.inline.lineBreak();
        return;
      case 'link':
        return this.link(el);
      case 'code': {
        const code = collapseWhitespace(textOf(el, this.removed));
        if (code !== '') this.current.inline.addCode(code);
        return;
      }
      case 'em':
        return this.mark(el, '*');
      case 'strong':
        return this.mark(el, '**');
      case 'del':
        return this.mark(el, '~~');
    }
  }

  /** Closes the current paragraph, if any; two `<br>`s in a row inside it split it in two. */
  private endParagraph(): void {
    const run = this.current.inline.flush();
    if (run === undefined) return;
    const { blocks } = this.current;
    if (run.md.includes('\n\n')) {
      const mds = run.md.split('\n\n');
      const texts = run.text.split('\n\n');
      if (mds.length === texts.length) {
        for (let i = 0; i < mds.length; i++) blocks.push({ kind: 'paragraph', md: escapeLineStarts(mds[i] ?? ''), text: texts[i] ?? '' });
        return;
      }
    }
    blocks.push({ kind: 'paragraph', md: escapeLineStarts(run.md), text: run.text });
  }

  private block(el: DomElement): void {
    // Only inline content fits in a heading: a nested block just separates words.
    if (this.inHeading) {
      this.current.inline.softBreak();
      this.children(el);
      this.current.inline.softBreak();
      return;
    }
    this.endParagraph();
    this.children(el);
    this.endParagraph();
  }

  private heading(el: DomElement, level: number): void {
    if (this.inHeading) return this.children(el);
    this.endParagraph();
    this.inHeading = true;
    try {
      this.children(el);
    } finally {
      this.inHeading = false;
    }
    const run = this.current.inline.flush();
    if (run !== undefined) this.current.blocks.push({ kind: 'heading', level, md: escapeHeading(run.md), text: run.text });
  }

  private list(el: DomElement): void {
    if (this.inHeading) return this.block(el);
    this.endParagraph();
    const items: Block[][] = [];
    // Stray content directly in the list (invalid but common) is gathered into items of its own.
    let stray: DomNode[] = [];
    for (const child of el.children) {
      if (isElement(child)) {
        if (this.removed.has(child)) continue;
        const last = items[items.length - 1];
        if (child.name === 'li') {
          stray = this.strayItem(stray, items);
          const blocks = this.container(child.children);
          if (blocks.length > 0) items.push(blocks);
          continue;
        }
        // `<ul><li>a</li><ul>..</ul></ul>`: browsers show the inner list nested under the previous item.
        if (KINDS.get(child.name) === 'list' && stray.length === 0 && last !== undefined) {
          last.push(...this.container([child]));
          continue;
        }
        stray.push(child);
      } else if (child.type === 'text' && /\S/.test(child.data ?? '')) {
        stray.push(child);
      }
    }
    this.strayItem(stray, items);
    if (items.length === 0) return;
    const ordered = el.name === 'ol';
    const start = ordered ? Number.parseInt(el.attribs.start ?? '', 10) : Number.NaN;
    this.current.blocks.push({ kind: 'list', ordered, start: Number.isSafeInteger(start) && start >= 0 ? start : 1, items });
  }

  /** Makes an item of the stray nodes, if any; returns a fresh stray list. */
  private strayItem(stray: readonly DomNode[], items: Block[][]): DomNode[] {
    if (stray.length === 0) return [];
    const blocks = this.container(stray);
    if (blocks.length > 0) items.push(blocks);
    return [];
  }

  private pre(el: DomElement): void {
    if (this.inHeading) return this.children(el);
    this.endParagraph();
    const code = preText(textOf(el, this.removed));
    if (code !== '') this.current.blocks.push({ kind: 'code', lang: codeLanguage(el), code });
  }

  private quote(el: DomElement): void {
    if (this.inHeading) return this.block(el);
    this.endParagraph();
    const blocks = this.container(el.children);
    if (blocks.length > 0) this.current.blocks.push({ kind: 'quote', blocks });
  }

  /**
   * A data table becomes rows of cells. Layout tables (role=presentation, or holding a nested table or a
   * `<pre>`, as line-numbered code listings do) and single-column tables are read as ordinary blocks.
   */
  private table(el: DomElement): void {
    if (this.inHeading || isLayoutTable(el)) return this.block(el);
    this.endParagraph();
    const rows: Block[][][] = [];
    const caption: Block[] = [];
    this.rows(el, rows, caption);
    this.current.blocks.push(...caption);
    const columns = rows.reduce((max, row) => Math.max(max, row.length), 0);
    if (columns > 1) this.current.blocks.push({ kind: 'table', rows });
    else for (const row of rows) for (const cell of row) this.current.blocks.push(...cell);
  }

  /** Collects the rows of `parent` (a table or a row group) and its caption. */
  private rows(parent: DomElement, rows: Block[][][], caption: Block[]): void {
    for (const child of parent.children) {
      if (!isElement(child) || this.removed.has(child)) continue;
      if (child.name === 'tr') {
        const row = this.row(child);
        if (row.some((cell) => cell.length > 0)) rows.push(row);
      } else if (child.name === 'thead' || child.name === 'tbody' || child.name === 'tfoot') this.rows(child, rows, caption);
      else if (child.name === 'caption') caption.push(...this.container(child.children));
    }
  }

  private row(tr: DomElement): Block[][] {
    const cells: Block[][] = [];
    for (const child of tr.children) {
      if (!isElement(child) || this.removed.has(child) || (child.name !== 'td' && child.name !== 'th')) continue;
      cells.push(this.container(child.children));
      const span = Math.min(Number.parseInt(child.attribs.colspan ?? '1', 10) || 1, MAX_COLSPAN);
      for (let i = 1; i < span; i++) cells.push([]);
    }
    return cells;
  }

  private link(el: DomElement): void {
    const href = el.attribs.href;
    const inline = this.current.inline;
    // A heading that links to the page itself (Sphinx's toc-backref, rustdoc's item names) is a title,
    // not a link: `## KettleParser objects`, not `## [KettleParser objects](https://...#id3)`.
    const url = href === undefined || inline.inLink || (this.inHeading && this.samePage(href)) ? undefined : this.resolve(href);
    if (url === undefined) return this.children(el);
    inline.open('[', `](${linkDestination(url)})`);
    try {
      this.children(el);
    } finally {
      inline.close();
    }
  }

  private mark(el: DomElement, marker: string): void {
    const inline = this.current.inline;
    if (inline.isOpen(marker)) return this.children(el);
    inline.open(marker, marker);
    try {
      this.children(el);
    } finally {
      inline.close();
    }
  }
}

function isLayoutTable(table: DomElement): boolean {
  const role = keyword(table, 'role');
  return role === 'presentation' || role === 'none' || holdsTableOrPre(table);
}

/** Iterative: the table itself is within MAX_DEPTH, but what is inside it need not be. */
function holdsTableOrPre(table: DomElement): boolean {
  const stack: DomNode[] = [];
  pushChildren(stack, table);
  for (let n = stack.pop(); n !== undefined; n = stack.pop()) {
    if (!isElement(n)) continue;
    if (n.name === 'table' || n.name === 'pre') return true;
    pushChildren(stack, n);
  }
  return false;
}
