import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import { BloomFilter } from './bloom-filter.js';
import { compareKeyAt } from './key-table.js';
import { KEY_WORDS } from './key128.js';

/** An entry on disk: 4 key words then the value, 20 bytes. */
export const ENTRY_WORDS = KEY_WORDS + 1;
const ENTRY_BYTES = ENTRY_WORDS * 4;
/** Every INDEX_EVERY-th key stays in memory: a lookup reads one block of at most this many entries. */
const INDEX_EVERY = 64;
/** One block buffer for every run: lookups are synchronous, so no two use it at once. */
const block = new Uint32Array(INDEX_EVERY * ENTRY_WORDS);

/**
 * One spilled run: entries sorted by key in a file, with a sparse index (every 64th key, ~0.25 byte
 * a key) and a Bloom filter (~1.25 bytes a key) in memory. The file is written in the host's byte
 * order: it lives only as long as the process that wrote it.
 */
export class KeyRun {
  readonly size: number;
  readonly #path: string;
  readonly #fd: number;
  readonly #index: Uint32Array;
  readonly #bloom: BloomFilter;

  /** Writes `sorted` (ENTRY_WORDS words an entry, sorted by key, no key twice) to `path`. */
  constructor(path: string, sorted: Uint32Array) {
    this.size = sorted.length / ENTRY_WORDS;
    this.#path = path;
    this.#fd = openSync(path, 'w+');
    const bytes = new Uint8Array(sorted.buffer, sorted.byteOffset, sorted.byteLength);
    try {
      for (let at = 0; at < bytes.length; ) at += writeSync(this.#fd, bytes, at, bytes.length - at, at);
    } catch (error) {
      // a disk that fills up fails the run; the run file's handle must not outlive it
      closeSync(this.#fd);
      throw error;
    }
    this.#index = new Uint32Array(Math.ceil(this.size / INDEX_EVERY) * KEY_WORDS);
    this.#bloom = new BloomFilter(this.size);
    for (let i = 0; i < this.size; i++) {
      if (i % INDEX_EVERY === 0) this.#index.set(sorted.subarray(i * ENTRY_WORDS, i * ENTRY_WORDS + KEY_WORDS), (i / INDEX_EVERY) * KEY_WORDS);
      this.#bloom.add(sorted, i * ENTRY_WORDS);
    }
  }

  /** Memory this run holds (its index and filter; the entries are on disk). */
  get bytes(): number {
    return this.#index.byteLength + this.#bloom.bytes;
  }

  get(key: Uint32Array): number | undefined {
    if (this.size === 0 || !this.#bloom.mayHave(key)) return undefined;
    // the last indexed key <= key starts the only block that can hold it
    let lo = 0, hi = this.#index.length / KEY_WORDS - 1;
    if (compareKeyAt(this.#index, 0, key, 0) > 0) return undefined;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (compareKeyAt(this.#index, mid * KEY_WORDS, key, 0) <= 0) lo = mid;
      else hi = mid - 1;
    }
    const first = lo * INDEX_EVERY;
    const count = Math.min(INDEX_EVERY, this.size - first);
    const view = new Uint8Array(block.buffer, 0, count * ENTRY_BYTES);
    for (let at = 0; at < view.length; ) {
      const read = readSync(this.#fd, view, at, view.length - at, first * ENTRY_BYTES + at);
      if (read === 0) throw new Error(`spilled key run ${this.#path} ended early at entry ${first} of ${this.size} (was it deleted or cut while the run used it?)`);
      at += read;
    }
    for (let i = 0; i < count; i++) {
      const order = compareKeyAt(block, i * ENTRY_WORDS, key, 0);
      if (order === 0) return block[i * ENTRY_WORDS + KEY_WORDS];
      if (order > 0) return undefined;
    }
    return undefined;
  }

  close(): void {
    closeSync(this.#fd);
  }
}
