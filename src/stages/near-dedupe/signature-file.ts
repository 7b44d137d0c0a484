import { closeSync, openSync, readSync, rmSync, writeSync } from 'node:fs';

const FLUSH_AT = 1 << 20;
// Rows kept after a read: a bucket's members are compared with each other, and a cluster's kept
// member with every dropped one, so recent rows are read again soon. 4096 rows of 256 values: 2 MiB.
const CACHE_ROWS = 4096;

/**
 * Every record's MinHash signature (16-bit values) in a fixed-width file: row i is at
 * i * rowBytes, so a candidate pair is verified by reading two rows back, and memory holds only a
 * small cache of rows, whatever the number of records.
 */
export class SignatureFile {
  readonly #fd: number;
  readonly #rowBytes: number;
  #pending: Buffer[] = [];
  #pendingBytes = 0;
  #rows = 0;
  readonly #cache: Uint16Array;
  /** Which row each cache slot holds (-1: none); slot = row % CACHE_ROWS. */
  readonly #tags = new Int32Array(CACHE_ROWS).fill(-1);

  constructor(readonly path: string, readonly permutations: number) {
    this.#fd = openSync(path, 'w+');
    this.#rowBytes = permutations * 2;
    this.#cache = new Uint16Array(CACHE_ROWS * permutations);
  }

  get size(): number {
    return this.#rows;
  }

  /** Appends whole rows (a batch's signatures, `permutations` values each). */
  append(rows: Uint16Array): void {
    this.#pending.push(Buffer.from(rows.buffer, rows.byteOffset, rows.byteLength));
    this.#pendingBytes += rows.byteLength;
    this.#rows += rows.length / this.permutations;
    if (this.#pendingBytes >= FLUSH_AT) this.flush();
  }

  flush(): void {
    if (this.#pending.length === 0) return;
    writeSync(this.#fd, Buffer.concat(this.#pending));
    this.#pending = [];
    this.#pendingBytes = 0;
  }

  /** The offset of row i in the cache, reading it from the file when it is not there. */
  #row(i: number): number {
    const slot = i % CACHE_ROWS;
    const at = slot * this.permutations;
    if (this.#tags[slot] !== i) {
      const view = Buffer.from(this.#cache.buffer, at * 2, this.#rowBytes);
      const read = readSync(this.#fd, view, 0, this.#rowBytes, i * this.#rowBytes);
      if (read !== this.#rowBytes) throw new Error(`near-dedupe: signature file ${this.path} ends before row ${i} (flush before reading)`);
      this.#tags[slot] = i;
    }
    return at;
  }

  /**
   * Estimated Jaccard of two records: the share of equal signature values. Only the top 16 bits of
   * each minimum are kept, so unequal minima agree by chance with probability 2^-16; the estimate
   * removes that bias (b-bit MinHash, Li & König 2010).
   */
  similarity(i: number, j: number): number {
    const k = this.permutations;
    const a = this.#row(i);
    // Both rows may map to one slot: then i's row is copied aside before j's replaces it.
    const s = this.#cache;
    let equal = 0;
    if (a === (j % CACHE_ROWS) * k && i !== j) {
      const rowI = s.slice(a, a + k);
      const b = this.#row(j);
      for (let p = 0; p < k; p++) if (rowI[p] === s[b + p]) equal++;
    } else {
      const b = this.#row(j);
      for (let p = 0; p < k; p++) if (s[a + p] === s[b + p]) equal++;
    }
    const chance = 1 / 65536;
    return Math.max(0, (equal / k - chance) / (1 - chance));
  }

  dispose(): void {
    closeSync(this.#fd);
    rmSync(this.path, { force: true });
  }
}
