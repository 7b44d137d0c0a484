/** A run of inline content in both renderings. */
export interface InlineRun {
  md: string;
  text: string;
}

interface Mark {
  readonly open: string;
  readonly close: string;
}

// `\s` rather than HTML's ASCII whitespace: no-break and other Unicode spaces fold too, which training text wants.
const WHITESPACE = /\s+/g;
const NON_SPACE = /\S/;
const BRACKET = /[[\]]/g;

/**
 * Accumulates one block's inline content as markdown and plain text at once, so that one DOM walk yields
 * both. Whitespace collapses the way a browser collapses it across element boundaries: a space is only
 * written when content follows it, never at the start of a line.
 *
 * Markup (emphasis, links) is opened lazily, when the first content inside it arrives: `<b> </b>` and
 * icon-only links leave nothing, and `<b> bold </b>` becomes ` **bold** `, not `** bold **` (which is not
 * emphasis in markdown). A block that starts inside an open mark (`<a><h2>..</h2><p>..</p></a>`) gets the
 * mark closed at the end of each block and reopened in the next.
 */
export class InlineBuffer {
  private md = '';
  private text = '';
  private space = false;
  /** Line breaks waiting for content; at most 2 (a blank line, i.e. a paragraph break). */
  private breaks = 0;
  private readonly marks: Mark[] = [];
  /** marks[0..emitted) have their opening written into `md` in the current block. */
  private emitted = 0;
  private links = 0;

  /** Inside a link, whose text must not get another link's markup. */
  get inLink(): boolean {
    return this.links > 0;
  }

  /** Whether `open` is already open: `<b><strong>x</strong></b>` must not become `****x****`. */
  isOpen(open: string): boolean {
    return this.marks.some((m) => m.open === open);
  }

  addText(raw: string): void {
    // Whitespace-only text (the indentation between tags) is most text nodes: no new string for it.
    if (!NON_SPACE.test(raw)) {
      if (raw !== '') this.space = true;
      return;
    }
    const s = raw.replace(WHITESPACE, ' ');
    if (s === ' ') {
      this.space = true;
      return;
    }
    if (s === '') return;
    const leading = s.charCodeAt(0) === 32;
    const trailing = s.charCodeAt(s.length - 1) === 32;
    if (leading) this.space = true;
    const word = s.slice(leading ? 1 : 0, trailing ? -1 : undefined);
    // Brackets inside link text would end the link early.
    this.emit(word, this.links > 0 && (word.includes('[') || word.includes(']')) ? word.replace(BRACKET, '\\$&') : word);
    if (trailing) this.space = true;
  }

  /** Inline code: a backtick fence longer than any backtick run inside, padded when the code starts or ends with one. */
  addCode(code: string): void {
    let longest = 0;
    let run = 0;
    for (let i = 0; i < code.length; i++) {
      run = code.charCodeAt(i) === 96 ? run + 1 : 0;
      if (run > longest) longest = run;
    }
    const fence = '`'.repeat(longest + 1);
    const pad = code.startsWith('`') || code.endsWith('`') ? ' ' : '';
    this.emit(code, `${fence}${pad}${code}${pad}${fence}`);
  }

  /** `<br>`: two in a row make a paragraph break, more add nothing. Ignored before any content. */
  lineBreak(): void {
    if (this.text !== '' && this.breaks < 2) this.breaks++;
    this.space = false;
  }

  /** Separates content without a line break (a block nested where only inline content fits, such as a heading). */
  softBreak(): void {
    this.space = true;
  }

  open(open: string, close: string): void {
    this.marks.push({ open, close });
    if (open === '[') this.links++;
  }

  close(): void {
    const mark = this.marks.pop();
    if (mark === undefined) return;
    if (mark.open === '[') this.links--;
    if (this.emitted > this.marks.length) {
      this.md += mark.close;
      this.emitted = this.marks.length;
    }
  }

  /** Ends the current block: returns its content (undefined when empty) and starts a new one. */
  flush(): InlineRun | undefined {
    this.closeEmitted();
    const run = this.text === '' ? undefined : { md: this.md, text: this.text };
    this.md = '';
    this.text = '';
    this.space = false;
    this.breaks = 0;
    return run;
  }

  private emit(text: string, md: string): void {
    if (this.breaks > 0) {
      // A paragraph break inside emphasis would leave each half with an unmatched marker.
      if (this.breaks === 2) this.closeEmitted();
      const nl = this.breaks === 1 ? '\n' : '\n\n';
      this.md += nl;
      this.text += nl;
      this.breaks = 0;
    } else if (this.space && this.text !== '') {
      this.md += ' ';
      this.text += ' ';
    }
    this.space = false;
    for (let i = this.emitted; i < this.marks.length; i++) this.md += this.marks[i]?.open ?? '';
    this.emitted = this.marks.length;
    this.md += md;
    this.text += text;
  }

  private closeEmitted(): void {
    for (let i = this.emitted - 1; i >= 0; i--) this.md += this.marks[i]?.close ?? '';
    this.emitted = 0;
  }
}
