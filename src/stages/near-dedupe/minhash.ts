import { fmix32 } from './shingles.js';

/**
 * MinHash with k hash functions h_i(x) = (a_i * x + b_i) mod 2^32 (a_i odd, so each h_i is a
 * permutation of the 32-bit shingle hashes), followed by an xorshift so the low bits depend on the
 * high ones. Arithmetic mod 2^32 is one Math.imul and one add per value, several times faster in JS
 * than a prime modulus (which needs 64-bit products); the shingle hashes are already fmix32-mixed,
 * so the weaker universality of a power-of-two modulus does not bias the estimate (the accuracy
 * test checks estimates against exact Jaccard).
 */
const SIGN = -0x80000000;

export class MinHasher {
  readonly a: Int32Array;
  readonly b: Int32Array;

  constructor(readonly permutations: number, seed = 1) {
    this.a = new Int32Array(permutations);
    this.b = new Int32Array(permutations);
    // A fixed seed: the same text always gets the same signature, in any run and any order.
    let s = seed >>> 0;
    const next = () => (s = fmix32((s + 0x9e3779b9) >>> 0));
    for (let i = 0; i < permutations; i++) {
      this.a[i] = next() | 1;
      this.b[i] = next();
    }
  }

  /** Writes the signature of a set of shingle hashes into `sig` (length = permutations). */
  signature(shingles: Uint32Array, sig: Uint32Array): void {
    const { a, b, permutations: k } = this;
    const n = shingles.length;
    const xs = n <= this.#scratch.length ? this.#scratch : (this.#scratch = new Int32Array(n * 2));
    for (let s = 0; s < n; s++) xs[s] = shingles[s]! | 0;
    // Four permutations per pass over the shingles keeps four running minima in registers and
    // loads each shingle once per four. Values stay int32: flipping the sign bit maps unsigned order
    // onto signed order, so V8 never boxes a uint32 into a double. (k is a multiple of 4: see options.)
    for (let i = 0; i < k; i += 4) {
      const a0 = a[i]!, a1 = a[i + 1]!, a2 = a[i + 2]!, a3 = a[i + 3]!;
      const b0 = b[i]!, b1 = b[i + 1]!, b2 = b[i + 2]!, b3 = b[i + 3]!;
      let m0 = 0x7fffffff, m1 = 0x7fffffff, m2 = 0x7fffffff, m3 = 0x7fffffff;
      for (let s = 0; s < n; s++) {
        const x = xs[s]!;
        let h0 = (Math.imul(a0, x) + b0) | 0;
        let h1 = (Math.imul(a1, x) + b1) | 0;
        let h2 = (Math.imul(a2, x) + b2) | 0;
        let h3 = (Math.imul(a3, x) + b3) | 0;
        h0 = h0 ^ (h0 >>> 15) ^ SIGN;
        h1 = h1 ^ (h1 >>> 15) ^ SIGN;
        h2 = h2 ^ (h2 >>> 15) ^ SIGN;
        h3 = h3 ^ (h3 >>> 15) ^ SIGN;
        if (h0 < m0) m0 = h0;
        if (h1 < m1) m1 = h1;
        if (h2 < m2) m2 = h2;
        if (h3 < m3) m3 = h3;
      }
      sig[i] = (m0 ^ SIGN) >>> 0;
      sig[i + 1] = (m1 ^ SIGN) >>> 0;
      sig[i + 2] = (m2 ^ SIGN) >>> 0;
      sig[i + 3] = (m3 ^ SIGN) >>> 0;
    }
  }

  #scratch = new Int32Array(1024);
}

/** One 32-bit key per band of `rows` consecutive signature values: equal keys make a candidate pair. */
export const bandKeys = (sig: Uint32Array, bands: number, rows: number, out: Uint32Array, at: number): void => {
  for (let band = 0; band < bands; band++) {
    let h = band + 1;
    for (let r = 0; r < rows; r++) h = Math.imul(h ^ sig[band * rows + r]!, 0x01000193);
    out[at + band] = fmix32(h >>> 0);
  }
};
