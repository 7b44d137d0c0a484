import { closeSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import type { BandColumns } from './band-columns.js';

// An entry is one uint64: the band key in the high word, the record index in the low one, so the
// native BigUint64Array sort orders by key and then by input order, for any number of records.
// The words are written and read through a Uint32Array view over the same memory.
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
const LO = LITTLE_ENDIAN ? 0 : 1;
const HI = 1 - LO;
const ENTRY_BYTES = 8;
// Below this a run is mostly per-read overhead; a budget that small still sorts, in runs this long.
const MIN_RUN = 64;

/** Collects consecutive entries with equal keys and hands each run of two or more to `bucket`. */
class Buckets {
  #members = new Uint32Array(64);
  #count = 0;
  #key = -1;

  constructor(readonly bucket: (members: Uint32Array, count: number) => void) {}

  push(key: number, index: number): void {
    if (key !== this.#key) {
      this.end();
      this.#key = key;
    }
    if (this.#count === this.#members.length) {
      const grown = new Uint32Array(this.#count * 2);
      grown.set(this.#members);
      this.#members = grown;
    }
    this.#members[this.#count++] = index;
  }

  end(): void {
    if (this.#count > 1) this.bucket(this.#members, this.#count);
    this.#count = 0;
  }
}

export interface BandSortOptions {
  /** Bytes the sort may hold; past it the band is sorted in runs on disk that are merged. */
  budgetBytes: number;
  /** Where the runs go while the band is merged (removed afterwards). */
  runsPath: string;
  /** Records left out of every bucket (texts without words). */
  include: (index: number) => boolean;
}

/**
 * Calls `bucket` with every set of two or more records that share band `band`'s key, members in
 * input order, sets in key order. Returns the number of sorted runs (1: sorted in memory).
 */
export const forEachBucket = (columns: BandColumns, band: number, options: BandSortOptions, bucket: (members: Uint32Array, count: number) => void): number => {
  const capacity = columns.size * ENTRY_BYTES <= options.budgetBytes ? columns.size : Math.max(MIN_RUN, Math.floor(options.budgetBytes / ENTRY_BYTES));
  const entries = new BigUint64Array(capacity);
  const words = new Uint32Array(entries.buffer);
  const buckets = new Buckets(bucket);
  let filled = 0;
  const runs: number[] = [];
  let fd: number | undefined;
  const writeRun = () => {
    const run = entries.subarray(0, filled).sort();
    fd ??= openSync(options.runsPath, 'w+');
    writeSync(fd, run);
    runs.push(filled);
    filled = 0;
  };
  try {
    columns.readBand(band, (keys, first) => {
      for (let r = 0; r < keys.length; r++) {
        const index = first + r;
        if (!options.include(index)) continue;
        if (filled === capacity) writeRun();
        words[filled * 2 + HI] = keys[r]!;
        words[filled * 2 + LO] = index;
        filled++;
      }
    });
    if (fd === undefined) {
      entries.subarray(0, filled).sort();
      for (let e = 0; e < filled; e++) buckets.push(words[e * 2 + HI]!, words[e * 2 + LO]!);
    } else {
      if (filled > 0) writeRun();
      mergeRuns(fd, runs, words, buckets);
    }
    buckets.end();
    return Math.max(1, runs.length);
  } finally {
    if (fd !== undefined) {
      closeSync(fd);
      rmSync(options.runsPath, { force: true });
    }
  }
};

/** A sorted run on disk read a chunk at a time. */
interface Cursor {
  words: Uint32Array;
  bytes: Buffer;
  at: number;
  loaded: number;
  /** Next file offset and bytes of the run not yet read. */
  offset: number;
  left: number;
}

const refill = (fd: number, c: Cursor): boolean => {
  const bytes = Math.min(c.bytes.length, c.left);
  if (bytes === 0) return false;
  readSync(fd, c.bytes, 0, bytes, c.offset);
  c.offset += bytes;
  c.left -= bytes;
  c.at = 0;
  c.loaded = bytes / ENTRY_BYTES;
  return true;
};

const hi = (c: Cursor) => c.words[c.at * 2 + HI]!;
const lo = (c: Cursor) => c.words[c.at * 2 + LO]!;
const less = (a: Cursor, b: Cursor) => hi(a) < hi(b) || (hi(a) === hi(b) && lo(a) < lo(b));

/**
 * k-way merge of the runs with a binary heap of cursors. The cursors' chunks are slices of the
 * sort buffer (`space`), which the runs no longer need, so merging holds no more than sorting did
 * (unless there are so many runs that a chunk per run no longer fits in it).
 */
const mergeRuns = (fd: number, runs: readonly number[], space: Uint32Array, buckets: Buckets): void => {
  const capacity = space.length / 2;
  const chunk = Math.max(MIN_RUN, Math.floor(capacity / runs.length));
  const heap: Cursor[] = [];
  let offset = 0;
  for (const [r, entries] of runs.entries()) {
    const words = (r + 1) * chunk <= capacity ? space.subarray(r * chunk * 2, (r + 1) * chunk * 2) : new Uint32Array(chunk * 2);
    const c: Cursor = { words, bytes: Buffer.from(words.buffer, words.byteOffset, words.byteLength), at: 0, loaded: 0, offset, left: entries * ENTRY_BYTES };
    offset += entries * ENTRY_BYTES;
    if (refill(fd, c)) heap.push(c);
  }
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && less(heap[l]!, heap[m]!)) m = l;
      if (r < heap.length && less(heap[r]!, heap[m]!)) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m]!, heap[i]!];
      i = m;
    }
  };
  for (let i = (heap.length >> 1) - 1; i >= 0; i--) down(i);
  while (heap.length > 0) {
    const c = heap[0]!;
    buckets.push(hi(c), lo(c));
    if (++c.at === c.loaded && !refill(fd, c)) {
      heap[0] = heap[heap.length - 1]!;
      heap.pop();
    }
    if (heap.length > 0) down(0);
  }
};
