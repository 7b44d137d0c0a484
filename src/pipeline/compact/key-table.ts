import { KEY_WORDS } from './key128.js';

/**
 * A hash map from 128-bit keys (key128) to uint32 values in three typed arrays, for stages that keep
 * something for every record: a Map entry with a string key costs ~100+ bytes of heap, a slot here
 * 20 bytes (16 of key, 4 of value), about 27 bytes per entry just before it grows at 3/4 full.
 *
 * Open addressing with linear probing. Keys are hash output, so their first word is already uniform
 * and is the probe start. The all-zero key marks an empty slot, so it is kept beside the arrays.
 */
const MAX_LOAD = 0.75;
const MIN_CAPACITY = 16;

export class KeyTable {
  #keys: Uint32Array;
  #values: Uint32Array;
  #mask: number;
  #size = 0;
  #zeroSet = false;
  #zeroValue = 0;

  /** `capacity`: slots to start with (rounded up to a power of two); it doubles as it fills. */
  constructor(capacity = 1024) {
    const slots = powerOfTwoAtLeast(Math.max(MIN_CAPACITY, capacity));
    this.#keys = new Uint32Array(slots * KEY_WORDS);
    this.#values = new Uint32Array(slots);
    this.#mask = slots - 1;
  }

  get size(): number {
    return this.#size;
  }

  /** New keys it takes before its next insert doubles the arrays (a spilling table spills instead). */
  get room(): number {
    return Math.floor((this.#mask + 1) * MAX_LOAD) - this.#size;
  }

  /** Bytes of the typed arrays this table holds. */
  get bytes(): number {
    return this.#keys.byteLength + this.#values.byteLength;
  }

  get(key: Uint32Array): number | undefined {
    if (isZero(key)) return this.#zeroSet ? this.#zeroValue : undefined;
    const slot = this.#find(key);
    return slot < 0 ? undefined : this.#values[slot];
  }

  /** Undefined when the key was absent and now holds `value`; else the value already there (unchanged). */
  setIfAbsent(key: Uint32Array, value: number): number | undefined {
    if (isZero(key)) {
      if (this.#zeroSet) return this.#zeroValue;
      this.#setZero(value);
      return undefined;
    }
    const slot = this.#find(key);
    if (slot >= 0) return this.#values[slot];
    this.#insert(key, value >>> 0);
    return undefined;
  }

  set(key: Uint32Array, value: number): void {
    if (isZero(key)) {
      if (!this.#zeroSet) this.#setZero(value);
      else this.#zeroValue = value >>> 0;
      return;
    }
    const slot = this.#find(key);
    if (slot >= 0) this.#values[slot] = value >>> 0;
    else this.#insert(key, value >>> 0);
  }

  /** Drops every entry and goes back to `capacity` slots, releasing the grown arrays. */
  clear(capacity = 1024): void {
    const slots = powerOfTwoAtLeast(Math.max(MIN_CAPACITY, capacity));
    this.#keys = new Uint32Array(slots * KEY_WORDS);
    this.#values = new Uint32Array(slots);
    this.#mask = slots - 1;
    this.#size = 0;
    this.#zeroSet = false;
    this.#zeroValue = 0;
  }

  /**
   * Every entry as 5 words (key words 0-3, then the value), sorted by key word 0, then 1, 2, 3 as
   * unsigned numbers: the order a spilled run is written in (spilling-key-table.ts).
   */
  sortedEntries(): Uint32Array {
    const out = new Uint32Array(this.#size * 5);
    let n = 0;
    if (this.#zeroSet) {
      out[4] = this.#zeroValue; // key words 0-3 stay zero
      n = 1;
    }
    const keys = this.#keys;
    for (let slot = 0; slot <= this.#mask; slot++) {
      const k = slot * KEY_WORDS;
      if ((keys[k]! | keys[k + 1]! | keys[k + 2]! | keys[k + 3]!) === 0) continue;
      out.set(keys.subarray(k, k + KEY_WORDS), n * 5);
      out[n * 5 + 4] = this.#values[slot]!;
      n++;
    }
    const order = new Uint32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    order.sort((a, b) => compareKeyAt(out, a * 5, out, b * 5));
    permuteInPlace(out, order);
    return out;
  }

  /** The key's slot, or -1 when it is not in the table. */
  #find(key: Uint32Array): number {
    const keys = this.#keys;
    const k0 = key[0]!, k1 = key[1]!, k2 = key[2]!, k3 = key[3]!;
    for (let slot = k0 & this.#mask; ; slot = (slot + 1) & this.#mask) {
      const k = slot * KEY_WORDS;
      const w0 = keys[k]!, w1 = keys[k + 1]!, w2 = keys[k + 2]!, w3 = keys[k + 3]!;
      if (w0 === k0 && w1 === k1 && w2 === k2 && w3 === k3) return slot;
      if ((w0 | w1 | w2 | w3) === 0) return -1;
    }
  }

  #insert(key: Uint32Array, value: number): void {
    if ((this.#size + 1) > (this.#mask + 1) * MAX_LOAD) this.#grow();
    this.#place(key[0]!, key[1]!, key[2]!, key[3]!, value);
    this.#size++;
  }

  /** Writes into the first empty slot from the probe start; the key must be absent and non-zero. */
  #place(k0: number, k1: number, k2: number, k3: number, value: number): void {
    const keys = this.#keys;
    let slot = k0 & this.#mask;
    while ((keys[slot * KEY_WORDS]! | keys[slot * KEY_WORDS + 1]! | keys[slot * KEY_WORDS + 2]! | keys[slot * KEY_WORDS + 3]!) !== 0) {
      slot = (slot + 1) & this.#mask;
    }
    const k = slot * KEY_WORDS;
    keys[k] = k0;
    keys[k + 1] = k1;
    keys[k + 2] = k2;
    keys[k + 3] = k3;
    this.#values[slot] = value;
  }

  #grow(): void {
    const oldKeys = this.#keys, oldValues = this.#values;
    const slots = (this.#mask + 1) * 2;
    this.#keys = new Uint32Array(slots * KEY_WORDS);
    this.#values = new Uint32Array(slots);
    this.#mask = slots - 1;
    for (let slot = 0; slot < oldValues.length; slot++) {
      const k = slot * KEY_WORDS;
      const w0 = oldKeys[k]!, w1 = oldKeys[k + 1]!, w2 = oldKeys[k + 2]!, w3 = oldKeys[k + 3]!;
      if ((w0 | w1 | w2 | w3) !== 0) this.#place(w0, w1, w2, w3, oldValues[slot]!);
    }
  }

  #setZero(value: number): void {
    this.#zeroSet = true;
    this.#zeroValue = value >>> 0;
    this.#size++;
  }
}

/**
 * Moves entry order[j] of `entries` (5 words each) to place j for every j, without a second copy of
 * the entries: a spill happens when memory is already at its budget. Follows each cycle of the
 * permutation with one entry held aside; `order` is used up (each place set to itself once filled).
 */
const permuteInPlace = (entries: Uint32Array, order: Uint32Array): void => {
  const held = new Uint32Array(5);
  for (let i = 0; i < order.length; i++) {
    if (order[i] === i) continue;
    held.set(entries.subarray(i * 5, i * 5 + 5));
    for (let j = i; ; ) {
      const from = order[j]!;
      order[j] = j;
      if (from === i) {
        entries.set(held, j * 5);
        break;
      }
      entries.copyWithin(j * 5, from * 5, from * 5 + 5);
      j = from;
    }
  }
};

/** Orders two keys stored at offsets of word arrays: word 0 first, each word unsigned. */
export const compareKeyAt = (a: Uint32Array, ai: number, b: Uint32Array, bi: number): number => {
  for (let w = 0; w < KEY_WORDS; w++) {
    const x = a[ai + w]!, y = b[bi + w]!;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
};

const isZero = (key: Uint32Array): boolean => (key[0]! | key[1]! | key[2]! | key[3]!) === 0;

const powerOfTwoAtLeast = (n: number): number => {
  let p = 1;
  while (p < n) p *= 2;
  return p;
};
