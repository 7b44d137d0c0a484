/**
 * Byte offset -> line number for a stream, fed chunk by chunk ahead of the reader that asks. It
 * exists because csv-parse's `info.lines` counts a CRLF inside a quoted field as two lines, so its
 * line numbers drift in CRLF files; `info.bytes` is exact, and this maps it to a line. Lines end at
 * LF (so LF and CRLF files). Offsets asked for never decrease, so passed breaks are let go.
 */
export class LineIndex {
  private breaks: number[] = [];
  private head = 0;
  private released = 0;
  private size = 0;

  add(chunk: Uint8Array): void {
    for (let i = chunk.indexOf(0x0a); i >= 0; i = chunk.indexOf(0x0a, i + 1)) this.breaks.push(this.size + i);
    this.size += chunk.byteLength;
  }

  /** The 1-based line of the byte at `offset`. */
  lineAt(offset: number): number {
    while (this.head < this.breaks.length && this.breaks[this.head]! < offset) this.head++;
    if (this.head > 4096) {
      this.breaks.splice(0, this.head);
      this.released += this.head;
      this.head = 0;
    }
    return this.released + this.head + 1;
  }

  /** Line breaks at or after `offset`: at the end of input, the blank lines after the last record. */
  breaksFrom(offset: number): number {
    this.lineAt(offset);
    return this.breaks.length - this.head;
  }
}
