/**
 * Text -> 32-bit shingle hashes. Normalisation makes trivial differences (case, punctuation,
 * spacing) invisible, so the similarity measured is of wording, not of formatting.
 */

// Punctuation and symbols become spaces, so "end." and "end" are the same word.
const NOT_WORD = /[\p{P}\p{S}\s]+/u;

/** Case-folded words of a text with punctuation stripped and whitespace collapsed. */
export const words = (text: string): string[] => {
  const parts = text.normalize('NFKC').toLowerCase().split(NOT_WORD);
  // split leaves an empty string at either end when the text starts or ends with a separator.
  return parts.filter((w) => w.length > 0);
};

/** FNV-1a over UTF-16 code units: cheap, and good enough as input to the mixer below. */
const fnv1a = (s: string): number => {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
};

/** murmur3's finaliser: a bijection on 32 bits that spreads every input bit over the output. */
export const fmix32 = (h: number): number => {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
};

/**
 * Hashes of the word `size`-grams of a word list. Each word is hashed once and a shingle's hash is
 * an order-sensitive combination of its words' hashes, so the cost is O(words * size) integer ops
 * with no substring building. A text shorter than one shingle is a single shingle of all its words,
 * so short texts still compare. Repeated shingles are harmless: MinHash takes minima.
 */
export const shingleHashes = (ws: readonly string[], size: number): Uint32Array => {
  if (ws.length === 0) return new Uint32Array(0);
  const wordHashes = ws.map(fnv1a);
  const n = Math.max(1, ws.length - size + 1);
  const width = Math.min(size, ws.length);
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    let h = width;
    for (let j = 0; j < width; j++) h = Math.imul(h ^ wordHashes[i + j]!, 0x9e3779b1) + j;
    out[i] = fmix32(h);
  }
  return out;
};
