// Both measures follow Gopher as implemented in datatrove's GopherRepetitionFilter, over words
// rather than raw text, so the share is of word characters (spaces and punctuation not counted).

const key = (words: readonly string[], i: number, n: number) => words.slice(i, i + n).join(' ');

/** Share of word characters covered by the most frequent n-gram; an n-gram seen once is no repetition. */
export const topNgramShare = (words: readonly string[], wordChars: number, n: number): number => {
  if (wordChars === 0 || words.length < n) return 0;
  const counts = new Map<string, number>();
  let best = 0;
  let bestKey = '';
  for (let i = 0; i + n <= words.length; i++) {
    const k = key(words, i, n);
    const c = (counts.get(k) ?? 0) + 1;
    counts.set(k, c);
    if (c > best) {
      best = c;
      bestKey = k;
    }
  }
  return best < 2 ? 0 : (best * (bestKey.length - (n - 1))) / wordChars;
};

/**
 * Share of word characters in n-grams that repeat an earlier one. After a repeat the scan skips the
 * n words it covered, so overlapping repeats are not counted twice.
 */
export const duplicateNgramShare = (words: readonly string[], wordChars: number, n: number): number => {
  if (wordChars === 0 || words.length < n) return 0;
  const seen = new Set<string>();
  let repeated = 0;
  for (let i = 0; i + n <= words.length; ) {
    const k = key(words, i, n);
    if (seen.has(k)) {
      repeated += k.length - (n - 1);
      i += n;
    } else {
      seen.add(k);
      i++;
    }
  }
  return repeated / wordChars;
};
