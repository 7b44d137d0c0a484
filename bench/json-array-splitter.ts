// The baseline's reader: splits a top-level JSON array of objects or arrays into its elements'
// bytes, chunk by chunk, so a corpus of any size streams through a fixed buffer. Deliberately bare:
// no line numbers, no UTF-8 checks, no limits (the pipeline's reader, src/stages/import, does all
// that); the bench only feeds it corpora it generated. Scanning bytes is safe for UTF-8 because no
// byte of a multi-byte character is ASCII, so every quote, backslash and bracket found is one.
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

export class JsonArraySplitter {
  private depth = 0;
  private inString = false;
  private escaped = false;
  /** Copies of an element's bytes from earlier chunks, when it spans chunks. */
  private carried: Buffer[] = [];

  /**
   * Appends the elements completed in `chunk` to `out`. They may be views of `chunk`: use them
   * before the chunk's memory is reused. Scalars at the top level are skipped (AR-LSAT has none).
   */
  push(chunk: Buffer, out: Buffer[]): void {
    // Where the element in progress starts in this chunk; 0 when it began in an earlier one.
    let start = this.depth >= 2 ? 0 : -1;
    let { depth, inString, escaped } = this;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i]!;
      if (inString) {
        if (escaped) escaped = false;
        else if (c === BACKSLASH) escaped = true;
        else if (c === QUOTE) inString = false;
      } else if (c === QUOTE) inString = true;
      else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
        if (++depth === 2) start = i;
      } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        if (depth-- === 2) {
          const tail = chunk.subarray(start, i + 1);
          out.push(this.carried.length === 0 ? tail : Buffer.concat([...this.carried, tail]));
          this.carried = [];
          start = -1;
        }
      }
    }
    if (depth >= 2) this.carried.push(Buffer.from(chunk.subarray(start)));
    this.depth = depth;
    this.inString = inString;
    this.escaped = escaped;
  }

  /** Throws when the input ended inside an element: a cut-off file must not pass for a shorter one. */
  end(): void {
    if (this.depth !== 0 || this.inString) throw new Error(`the JSON array ended inside an element (depth ${this.depth})`);
  }
}
