import { labelledPieces } from './normalize.js';

/**
 * Hashes of word sequences, as plain numbers so an index of every eval n-gram stays small (a Map
 * of numbers, no strings kept). Two 32-bit FNV-1a lanes make a 53-bit hash: at a few hundred
 * thousand eval n-grams a chance collision is about 1 in 10^10 per lookup.
 */
const FNV_PRIME = 0x01000193;
const LOW_BITS = 2 ** 21;

const wordHash = (word: string, seed: number): number => {
  let h = seed;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), FNV_PRIME);
  return h >>> 0;
};

const SEED_A = 0x811c9dc5;
const SEED_B = 0x050c5d1f;

/** The hash of `ws[from, to)`; `kind` keeps an n-gram and a whole short segment apart. */
const sequenceHash = (ha: Uint32Array, hb: Uint32Array, from: number, to: number, kind: number): number => {
  let a = SEED_A ^ kind;
  let b = SEED_B ^ kind;
  for (let i = from; i < to; i++) {
    a = Math.imul(a ^ ha[i]!, FNV_PRIME) >>> 0;
    b = Math.imul(b ^ hb[i]!, FNV_PRIME) >>> 0;
  }
  return (a >>> 0) * LOW_BITS + ((b >>> 0) % LOW_BITS);
};

const NGRAM = 1;
const WHOLE = 2;

const wordHashes = (ws: readonly string[]): [Uint32Array, Uint32Array] => [
  Uint32Array.from(ws, (w) => wordHash(w, SEED_A)),
  Uint32Array.from(ws, (w) => wordHash(w, SEED_B)),
];

/** Every word n-gram of a word sequence (none when it is shorter than n). */
export const ngramHashes = (ws: readonly string[], n: number): number[] => {
  if (ws.length < n) return [];
  const [ha, hb] = wordHashes(ws);
  const out: number[] = [];
  for (let i = 0; i + n <= ws.length; i++) out.push(sequenceHash(ha, hb, i, i + n, NGRAM));
  return out;
};

/** A whole word sequence shorter than n, matched exactly once normalised. */
export const wholeHash = (ws: readonly string[]): number => {
  const [ha, hb] = wordHashes(ws);
  return sequenceHash(ha, hb, 0, ws.length, WHOLE);
};

/**
 * The features of one text of a training item, each with its weight, piece by piece (a text with
 * lettered options is cut at the labels). A piece of n words or more is its n-grams (weight 1
 * each); a shorter one is one exact-match feature weighing words/n, so a one-word option
 * ("Tuesday") that happens to occur in an eval item counts for little.
 */
export const textFeatures = (text: string, n: number, into: Map<number, number>): void => {
  for (const ws of labelledPieces(text)) {
    if (ws.length < n) into.set(wholeHash(ws), ws.length / n);
    else for (const h of ngramHashes(ws, n)) into.set(h, 1);
  }
};
