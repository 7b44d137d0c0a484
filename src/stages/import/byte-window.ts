/**
 * The bytes of a stream from a start that only moves forward, so that the text of a record can be
 * cut out by byte offsets once a parser has passed it (the raw text of a rejected CSV row). It holds
 * what lies between the reader and the parser's read-ahead: a few chunks.
 */
export class ByteWindow {
  private chunks: Uint8Array[] = [];
  /** Offset of the first byte of chunks[0]. */
  private start = 0;
  private end = 0;

  add(chunk: Uint8Array): void {
    this.chunks.push(chunk);
    this.end += chunk.byteLength;
  }

  /** Lets go of the bytes before `offset`. */
  release(offset: number): void {
    while (this.chunks.length > 0 && this.start + this.chunks[0]!.byteLength <= offset) this.start += this.chunks.shift()!.byteLength;
  }

  /** Bytes [from, to), `to` by default the end so far; `from` must not be released yet. */
  bytes(from: number, to = this.end): Buffer {
    return Buffer.concat(this.chunks).subarray(from - this.start, to - this.start);
  }

  /** The text of bytes [from, to), as `bytes`. */
  text(from: number, to = this.end): string {
    return this.bytes(from, to).toString('utf8');
  }
}
