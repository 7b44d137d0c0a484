/**
 * A Bloom filter over 128-bit keys, ~10 bits a key (about 1% false positives): a spilled run is
 * read from disk only when its filter says the key may be there, so most misses cost no I/O.
 * Keys are hash output, so words 1 and 2 serve as the two hashes of double hashing.
 */
const BITS_PER_KEY = 10;
const HASHES = 7;

export class BloomFilter {
  readonly #bits: Uint32Array;
  readonly #size: number;

  constructor(keys: number) {
    this.#size = Math.max(64, Math.ceil(keys * BITS_PER_KEY / 32) * 32);
    this.#bits = new Uint32Array(this.#size / 32);
  }

  get bytes(): number {
    return this.#bits.byteLength;
  }

  /** Adds the key in words at..at+3 of `words`. */
  add(words: Uint32Array, at = 0): void {
    const h1 = words[at + 1]!, h2 = (words[at + 2]! | 1) >>> 0;
    for (let i = 0; i < HASHES; i++) {
      const bit = (h1 + i * h2) % this.#size;
      this.#bits[bit >>> 5]! |= 1 << (bit & 31);
    }
  }

  /** False only when the key was never added. */
  mayHave(words: Uint32Array, at = 0): boolean {
    const h1 = words[at + 1]!, h2 = (words[at + 2]! | 1) >>> 0;
    for (let i = 0; i < HASHES; i++) {
      const bit = (h1 + i * h2) % this.#size;
      if ((this.#bits[bit >>> 5]! & (1 << (bit & 31))) === 0) return false;
    }
    return true;
  }
}
