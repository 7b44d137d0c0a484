/**
 * What near-dedupe keeps in memory per record while it waits for the whole input: columns of typed
 * arrays (the signature as 16-bit values, band keys, spool position, size, date) plus id and group
 * strings. At 256 permutations and 32 bands that is ~660 bytes per record before the strings (~130 MB
 * at 200k records); the body itself waits in the spool.
 */
export class NearKeys {
  size = 0;
  readonly ids: string[] = [];
  readonly groups: string[] = [];
  offsets = new Float64Array(1024);
  lengths = new Uint32Array(1024);
  /** Characters of the compared text ('longest') and source.fetchedAt in ms ('newest'; NaN if absent). */
  textLengths = new Uint32Array(1024);
  fetchedAt = new Float64Array(1024);
  /** 0 when the compared text has no words: such records are never near-duplicates of anything. */
  hasWords = new Uint8Array(1024);
  signatures: Uint16Array;
  bandKeys: Uint32Array;

  constructor(readonly permutations: number, readonly bands: number) {
    this.signatures = new Uint16Array(1024 * permutations);
    this.bandKeys = new Uint32Array(1024 * bands);
  }

  /** Reserves the next row and returns its index; the caller fills the columns. */
  push(id: string, group: string): number {
    if (this.size === this.lengths.length) this.#grow();
    this.ids.push(id);
    this.groups.push(group);
    return this.size++;
  }

  #grow(): void {
    const n = this.lengths.length * 2;
    const grow = <A extends Float64Array | Uint32Array | Uint16Array | Uint8Array>(a: A, b: A): A => (b.set(a), b);
    this.offsets = grow(this.offsets, new Float64Array(n));
    this.lengths = grow(this.lengths, new Uint32Array(n));
    this.textLengths = grow(this.textLengths, new Uint32Array(n));
    this.fetchedAt = grow(this.fetchedAt, new Float64Array(n));
    this.hasWords = grow(this.hasWords, new Uint8Array(n));
    this.signatures = grow(this.signatures, new Uint16Array(n * this.permutations));
    this.bandKeys = grow(this.bandKeys, new Uint32Array(n * this.bands));
  }

  /**
   * Estimated Jaccard of two records: the share of equal signature values. Only the top 16 bits of
   * each minimum are kept, so unequal minima agree by chance with probability 2^-16; the estimate
   * removes that bias (b-bit MinHash, Li & König 2010).
   */
  similarity(i: number, j: number): number {
    const k = this.permutations;
    const s = this.signatures;
    let equal = 0;
    for (let p = 0, a = i * k, b = j * k; p < k; p++) if (s[a + p] === s[b + p]) equal++;
    const chance = 1 / 65536;
    return Math.max(0, (equal / k - chance) / (1 - chance));
  }
}
