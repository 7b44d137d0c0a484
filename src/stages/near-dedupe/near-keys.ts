/**
 * What near-dedupe keeps in memory per record while it waits for the whole input: where the body
 * is in the spool and whether the compared text has words, about 4.4 bytes a record. Signatures and
 * band keys wait on disk (signature-file.ts, band-columns.ts); id, group, text length and date are
 * read back from the spooled body, and only for members of clusters (keep.ts).
 *
 * Records are stored in fixed chunks, so growing never copies (nor briefly doubles) the columns.
 * A body's offset is not stored: bodies are back to back in the spool, so it is the offset of the
 * chunk's nearest checkpoint (every 32 records) plus the lengths since.
 */
const CHUNK = 1 << 16;
const CHECK = 32;

interface Chunk {
  lengths: Uint32Array;
  checkpoints: Float64Array;
  /** One bit per record: 0 when the compared text has no words (never a near-duplicate of anything). */
  hasWords: Uint8Array;
}

export class NearKeys {
  size = 0;
  readonly #chunks: Chunk[] = [];

  /** Records the next body (`at` as Spool.append returned it); returns the record's index. */
  push(at: { offset: number; length: number }, hasWords: boolean): number {
    const i = this.size;
    if (i % CHUNK === 0) this.#chunks.push({ lengths: new Uint32Array(CHUNK), checkpoints: new Float64Array(CHUNK / CHECK), hasWords: new Uint8Array(CHUNK / 8) });
    const c = this.#chunks[this.#chunks.length - 1]!;
    const r = i % CHUNK;
    c.lengths[r] = at.length;
    if (r % CHECK === 0) c.checkpoints[r / CHECK] = at.offset;
    if (hasWords) c.hasWords[r >> 3]! |= 1 << (r & 7);
    return this.size++;
  }

  hasWords(i: number): boolean {
    const c = this.#chunks[Math.floor(i / CHUNK)]!;
    const r = i % CHUNK;
    return (c.hasWords[r >> 3]! & (1 << (r & 7))) !== 0;
  }

  /** Where record i's body is in the spool. */
  body(i: number): { offset: number; length: number } {
    const c = this.#chunks[Math.floor(i / CHUNK)]!;
    const r = i % CHUNK;
    let offset = c.checkpoints[Math.floor(r / CHECK)]!;
    for (let x = r - (r % CHECK); x < r; x++) offset += c.lengths[x]!;
    return { offset, length: c.lengths[r]! };
  }
}
