import type { Item } from '../../../src/pipeline/item.js';

/** mulberry32: a small seeded PRNG, so the corpus (and every measured number) is reproducible. */
export const prng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

type Rand = () => number;

const SYLLABLES = ['ka', 'lo', 'mi', 'ne', 'ru', 'ta', 'so', 'vi', 'de', 'pa', 'gu', 'fe', 'zo', 'bi', 'ha', 'ny'];

/** A vocabulary with Zipf-like use (frequent words really are frequent), as in natural text. */
export const vocabulary = (rand: Rand, size = 5000): { word: () => string } => {
  const words = Array.from({ length: size }, (_, i) => {
    let w = '';
    for (let n = i + 1; n > 0; n = Math.floor(n / 16)) w += SYLLABLES[n % 16];
    return w;
  });
  return { word: () => words[Math.floor(size ** rand()) - 1]! };
};

/** ~`n` words with punctuation and capitals sprinkled in, which normalisation must ignore. */
export const document = (vocab: { word: () => string }, n: number): string[] =>
  Array.from({ length: n }, (_, i) => {
    const w = vocab.word();
    return i % 12 === 0 ? w[0]!.toUpperCase() + w.slice(1) : i % 12 === 11 ? `${w}.` : w;
  });

/** Substitutes, deletes or inserts each word with probability `rate` (a third each), and re-cases some words. */
export const edit = (rand: Rand, vocab: { word: () => string }, words: readonly string[], rate: number): string[] => {
  const out: string[] = [];
  for (const w of words) {
    const r = rand();
    if (r >= rate) out.push(rand() < 0.02 ? w.toUpperCase() : w);
    else if (r < rate / 3) out.push(vocab.word());
    else if (r < (2 * rate) / 3) out.push(w, vocab.word());
    // else: deleted
  }
  return out;
};

/** The exact Jaccard of two texts' word-5-gram sets, computed independently of the stage's hashing. */
export const exactJaccard = (a: string, b: string, size = 5): number => {
  const grams = (t: string) => {
    const ws = t.toLowerCase().split(/[\p{P}\p{S}\s]+/u).filter(Boolean);
    const s = new Set<string>();
    for (let i = 0; i + size <= ws.length; i++) s.add(ws.slice(i, i + size).join(' '));
    return s;
  };
  const A = grams(a);
  const B = grams(b);
  let both = 0;
  for (const g of A) if (B.has(g)) both++;
  return both / (A.size + B.size - both);
};

export interface PlantedCorpus {
  items: Item<{ text: string }>[];
  /** Planted pairs: indices into items and their exact Jaccard. */
  pairs: { a: number; b: number; jaccard: number }[];
  /** Family of each item: unrelated items have their own family. */
  family: number[];
}

/**
 * Unrelated background documents plus planted pairs (an original and one edited copy) at each
 * edit rate. Items are shuffled so a copy can come before its original.
 */
export const plantedCorpus = (seed: number, opts: { background: number; pairsPerRate: number; rates: readonly number[]; words?: number }): PlantedCorpus => {
  const rand = prng(seed);
  const vocab = vocabulary(rand);
  const n = opts.words ?? 170;
  const texts: { text: string; family: number; pair?: number; role?: 'a' | 'b' }[] = [];
  const jaccards: number[] = [];
  let family = 0;
  for (let i = 0; i < opts.background; i++) texts.push({ text: document(vocab, n).join(' '), family: family++ });
  for (const rate of opts.rates) {
    for (let i = 0; i < opts.pairsPerRate; i++) {
      const base = document(vocab, n);
      const a = base.join(' ');
      const b = edit(rand, vocab, base, rate).join(' ');
      const pair = jaccards.push(exactJaccard(a, b)) - 1;
      texts.push({ text: a, family, pair, role: 'a' }, { text: b, family: family++, pair, role: 'b' });
    }
  }
  // Fisher-Yates with the same PRNG.
  for (let i = texts.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [texts[i], texts[j]] = [texts[j]!, texts[i]!];
  }
  const pairs = jaccards.map((jaccard) => ({ a: -1, b: -1, jaccard }));
  texts.forEach((t, i) => {
    if (t.pair !== undefined) pairs[t.pair]![t.role!] = i;
  });
  const items = texts.map((t, i) => ({ id: `doc-${i}`, group: `g-${i}`, source: { uri: 'test://corpus', line: i + 1 }, data: { text: t.text }, meta: {} }));
  return { items, pairs, family: texts.map((t) => t.family) };
};
