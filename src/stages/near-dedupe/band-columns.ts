import { closeSync, openSync, readSync, rmSync, writeSync } from 'node:fs';

// Records per block: each band's keys for a block are written side by side, so reading one band
// back is one read per block. About 2 MiB of keys are buffered before a block is written.
const BLOCK_BYTES = 2 << 20;

/**
 * Every record's band keys on disk, by band: the file is a run of blocks, and a block of m records
 * holds band 0's m keys, then band 1's, and so on. Each band is then sorted on its own (band-sort.ts)
 * without the other bands' keys in memory.
 */
export class BandColumns {
  readonly #fd: number;
  readonly #block: number;
  readonly #buffer: Uint32Array;
  #buffered = 0;
  #size = 0;

  constructor(readonly path: string, readonly bands: number) {
    this.#fd = openSync(path, 'w+');
    this.#block = Math.max(64, Math.floor(BLOCK_BYTES / 4 / bands));
    this.#buffer = new Uint32Array(this.#block * bands);
  }

  get size(): number {
    return this.#size;
  }

  /** Appends a batch of records' keys, `bands` per record (as the minhash task returns them). */
  append(keys: Uint32Array): void {
    const { bands } = this;
    const n = keys.length / bands;
    for (let r = 0; r < n; r++) {
      const at = this.#buffered;
      for (let b = 0; b < bands; b++) this.#buffer[b * this.#block + at] = keys[r * bands + b]!;
      this.#size++;
      if (++this.#buffered === this.#block) this.flush();
    }
  }

  /** Writes the buffered records as a block (a short one at the end of the input). */
  flush(): void {
    const m = this.#buffered;
    if (m === 0) return;
    const out = m === this.#block ? this.#buffer : new Uint32Array(m * this.bands);
    if (out !== this.#buffer) for (let b = 0; b < this.bands; b++) out.set(this.#buffer.subarray(b * this.#block, b * this.#block + m), b * m);
    writeSync(this.#fd, out);
    this.#buffered = 0;
  }

  /** Calls `each` with band `band`'s keys in record order, a block at a time, and the first record's index. */
  readBand(band: number, each: (keys: Uint32Array, first: number) => void): void {
    const chunk = new Uint32Array(this.#block);
    const bytes = Buffer.from(chunk.buffer);
    for (let first = 0; first < this.#size; first += this.#block) {
      const m = Math.min(this.#block, this.#size - first);
      const at = (first * this.bands + band * m) * 4;
      if (readSync(this.#fd, bytes, 0, m * 4, at) !== m * 4) throw new Error(`near-dedupe: band file ${this.path} ends early (flush before reading)`);
      each(chunk.subarray(0, m), first);
    }
  }

  dispose(): void {
    closeSync(this.#fd);
    rmSync(this.path, { force: true });
  }
}
