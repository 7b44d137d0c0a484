import { defineTask } from '../../pipeline/workers/task.js';
import { MinHasher, bandKeys } from './minhash.js';
import { shingleHashes, words } from './shingles.js';

export interface MinhashInput {
  /** The compared texts of one batch, in order. */
  texts: string[];
  shingle: number;
  permutations: number;
  bands: number;
  rows: number;
}

export interface MinhashOutput {
  /** texts.length rows of `permutations` values: the top 16 bits of each minimum (b-bit MinHash, near-keys.ts). */
  signatures: Uint16Array;
  /** texts.length rows of `bands` keys, taken from the full 32-bit minima. */
  bandKeys: Uint32Array;
  /** 1 when the text has at least one word: a text without words is never a near-duplicate. */
  hasWords: Uint8Array;
}

// The permutations are fixed by their count (seed 1), so one hasher per count serves every batch on this thread.
const hashers = new Map<number, MinHasher>();

/** The pool task `minhash`: pure, so a batch gives the same arrays on any thread. */
export const minhash = defineTask(import.meta.url, 'minhash', (input: MinhashInput): MinhashOutput => {
  const { texts, shingle, permutations, bands, rows } = input;
  let hasher = hashers.get(permutations);
  if (hasher === undefined) hashers.set(permutations, (hasher = new MinHasher(permutations)));
  const signatures = new Uint16Array(texts.length * permutations);
  const keys = new Uint32Array(texts.length * bands);
  const hasWords = new Uint8Array(texts.length);
  const sig = new Uint32Array(permutations);
  for (let t = 0; t < texts.length; t++) {
    const shingles = shingleHashes(words(texts[t]!), shingle);
    hasher.signature(shingles, sig);
    for (let p = 0; p < permutations; p++) signatures[t * permutations + p] = sig[p]! >>> 16;
    bandKeys(sig, bands, rows, keys, t * bands);
    hasWords[t] = shingles.length > 0 ? 1 : 0;
  }
  return { signatures, bandKeys: keys, hasWords };
});
