import { SourceError } from '../../pipeline/errors.js';
import { BACKSLASH, COMMA, isWs, LBRACE, LBRACK, LF, QUOTE, RBRACE, RBRACK } from './json-chars.js';
import { describeChar, jsonTextError, syntaxErrorAt } from './json-syntax.js';
import { byteSize } from './record-size.js';

/** The text of one element of the top-level array, and where it is in the file. */
export interface ArrayElement {
  text: string;
  /** 1-based line and column of the element's first character. */
  line: number;
  column: number;
  /** Lines where each object of the element's `childKey` array begins (AR-LSAT: each question). */
  childLines: number[];
}

// Where the scanner is in `[ element , element ]`.
const BEFORE = 0; // expecting '['
const FIRST = 1; // after '[': an element or ']'
const NEXT = 2; // after ',': an element
const IN = 3; // inside an element
const AFTER = 4; // after an element: ',' or ']'
const END = 5; // after ']': only whitespace

/**
 * Cuts a streamed top-level JSON array into the texts of its elements without parsing them: one
 * pass of charCodeAt that follows nesting depth, strings and escapes, and counts lines. Each element
 * is then handed to JSON.parse whole, which validates it; the scanner itself only validates the
 * array's own punctuation. Text is kept only for the element being cut, so memory stays flat.
 *
 * It also notes the line of each object in the array stored under `childKey` at the element's top
 * level, because JSON.parse gives no positions and every question needs its own `file:line`.
 */
export class JsonArrayScanner {
  private phase = BEFORE;
  private line = 1;
  /** Absolute offset of the first character of the current line, and of the current chunk. */
  private lineStart = 0;
  private base = 0;
  private depth = 0;
  private inString = false;
  private escape = false;
  /** A number or literal element, which ends at the next ',', ']' or whitespace. */
  private primitive = false;
  private parts: string[] = [];
  private partStart = 0;
  private elementLine = 0;
  private elementColumn = 0;
  private childLines: number[] = [];
  private inChild = false;
  private lastStringIsKey = false;
  /** The string being read at depth 1 (a candidate key): where it began and what earlier chunks held. */
  private keyStart = 0;
  private keyPrefix = '';
  private keyLength = 0;
  /** UTF-8 bytes of `parts`: an element is refused as soon as it passes maxBytes, before it is whole. */
  private partsBytes = 0;

  constructor(
    private readonly uri: string,
    private readonly childKey = '',
    private readonly maxBytes = Infinity,
  ) {}

  /** Scans one chunk; complete elements are appended to `out`. */
  push(chunk: string, out: ArrayElement[]): void {
    const n = chunk.length;
    let i = 0;
    while (i < n) {
      if (this.phase === IN) {
        i = this.scanElement(chunk, i, out);
        continue;
      }
      const c = chunk.charCodeAt(i);
      if (isWs(c)) {
        if (c === LF) {
          this.line++;
          this.lineStart = this.base + i + 1;
        }
        i++;
        continue;
      }
      if (this.phase === BEFORE && c === LBRACK) this.phase = FIRST;
      else if (this.phase === AFTER && c === COMMA) this.phase = NEXT;
      else if ((this.phase === AFTER || this.phase === FIRST) && c === RBRACK) this.phase = END;
      else if (this.phase === FIRST || (this.phase === NEXT && c !== RBRACK)) {
        this.startElement(i);
        continue;
      } else this.fail(`${EXPECTED[this.phase]}, found ${describeChar(chunk, i)}`, i);
      i++;
    }
    if (this.phase === IN) {
      const part = chunk.slice(this.partStart);
      this.parts.push(part);
      this.partStart = 0;
      this.countBytes(part);
      if (this.inString && this.depth === 1) {
        if (this.keyLength + n - this.keyStart <= this.childKey.length) this.keyPrefix += chunk.slice(this.keyStart);
        this.keyLength += n - this.keyStart;
        this.keyStart = 0;
      }
    }
    this.base += n;
  }

  /** 1-based line and column of the next character to be pushed (where a stream that stopped stopped). */
  position(): { line: number; column: number } {
    return { line: this.line, column: this.base - this.lineStart + 1 };
  }

  /** At end of input: the last element if it was a bare number, or a syntax error if the array is open. */
  end(out: ArrayElement[]): void {
    if (this.phase === IN && this.primitive) this.finish('', 0, out);
    if (this.phase === IN) {
      throw jsonTextError(this.uri, this.parts.join(''), this.elementLine, this.elementColumn, 'unexpected end of input inside an array element');
    }
    if (this.phase !== END) this.fail(`${EXPECTED[this.phase]}, found end of input`, 0);
  }

  private startElement(i: number): void {
    this.phase = IN;
    this.elementLine = this.line;
    this.elementColumn = this.base + i - this.lineStart + 1;
    this.parts = [];
    this.partsBytes = 0;
    this.partStart = i;
    this.depth = 0;
    this.primitive = false;
    this.childLines = [];
    this.inChild = false;
    this.lastStringIsKey = false;
  }

  /** The element ends at `end` of `chunk` (exclusive); earlier chunks of it are in `parts`. */
  private finish(chunk: string, end: number, out: ArrayElement[]): void {
    const last = chunk.slice(this.partStart, end);
    this.countBytes(last);
    const text = this.parts.length === 0 ? last : this.parts.join('') + last;
    out.push({ text, line: this.elementLine, column: this.elementColumn, childLines: this.childLines });
    this.parts = [];
    this.phase = AFTER;
  }

  /** The hot loop: state lives in locals while it runs and is written back when it returns. */
  private scanElement(chunk: string, from: number, out: ArrayElement[]): number {
    const n = chunk.length;
    let { depth, inString, escape, line } = this;
    let i = from;
    for (; i < n; i++) {
      if (inString) {
        // Most bytes are inside strings: jump to the next quote and decide from the backslashes
        // right before it whether it is escaped. A raw line break inside a string is invalid
        // JSON, so lines need no counting here; JSON.parse rejects the element and the error is
        // located from the element's own text.
        if (escape) {
          escape = false;
          continue;
        }
        const quote = chunk.indexOf('"', i);
        const stop = quote < 0 ? n : quote;
        let slashes = 0;
        while (stop - slashes - 1 >= i && chunk.charCodeAt(stop - slashes - 1) === BACKSLASH) slashes++;
        if (quote < 0) {
          escape = slashes % 2 === 1;
          i = n;
          break;
        }
        i = quote;
        if (slashes % 2 === 1) continue;
        inString = false;
        if (depth === 1) this.lastStringIsKey = this.isChildKey(chunk, i);
        else if (depth === 0) {
          this.finish(chunk, i + 1, out);
          i++;
          break;
        }
        continue;
      }
      const c = chunk.charCodeAt(i);
      if (this.primitive) {
        if (c === COMMA || c === RBRACK || isWs(c)) {
          this.finish(chunk, i, out);
          break;
        }
      } else if (c === QUOTE) {
        inString = true;
        if (depth === 1) {
          this.keyStart = i + 1;
          this.keyPrefix = '';
          this.keyLength = 0;
        }
      } else if (c === LBRACE || c === LBRACK) {
        if (depth === 2 && this.inChild && c === LBRACE) this.childLines.push(line);
        else if (depth === 1 && c === LBRACK) {
          this.inChild = this.lastStringIsKey;
          // A repeated key replaces the earlier array in JSON.parse, so its lines are replaced too.
          if (this.inChild) this.childLines = [];
        }
        depth++;
      } else if (c === RBRACE || c === RBRACK) {
        if (depth === 0) this.primitive = true; // a stray closer: JSON.parse reports it
        else if (--depth === 0) {
          this.finish(chunk, i + 1, out);
          i++;
          break;
        } else if (depth === 1) this.inChild = false;
      } else if (c === LF) {
        line++;
        this.lineStart = this.base + i + 1;
      } else if (depth === 0 && !isWs(c)) this.primitive = true;
    }
    this.depth = depth;
    this.inString = inString;
    this.escape = escape;
    this.line = line;
    return i;
  }

  /**
   * An element over the limit cannot be skipped (its end is wherever its brackets close), so the
   * file is refused naming where the element starts; a string that never closes ends here too,
   * at the limit, instead of filling the heap.
   */
  private countBytes(part: string): void {
    if (this.maxBytes === Infinity) return;
    this.partsBytes += Buffer.byteLength(part, 'utf8');
    if (this.partsBytes <= this.maxBytes) return;
    throw new SourceError(
      this.uri,
      `line ${this.elementLine}, column ${this.elementColumn}: an array element over maxRecordBytes (${byteSize(this.maxBytes)}); is a string or bracket never closed?`,
    );
  }

  private isChildKey(chunk: string, close: number): boolean {
    const key = this.childKey;
    if (!key || this.keyLength + close - this.keyStart !== key.length) return false;
    return this.keyPrefix + chunk.slice(this.keyStart, close) === key;
  }

  private fail(message: string, i: number): never {
    const column = this.base + i - this.lineStart + 1;
    throw syntaxErrorAt(this.uri, '', 0, this.line, column, message);
  }
}

const EXPECTED: Record<number, string> = {
  [BEFORE]: `expected '[' (the input must be a JSON array)`,
  [FIRST]: `expected an array element or ']'`,
  [NEXT]: 'expected an array element',
  [AFTER]: `expected ',' or ']' after an array element`,
  [END]: 'expected end of input after the array',
};
