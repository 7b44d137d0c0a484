import type { TextStats } from './measure.js';
import { SCRIPT_LANGUAGE, type Script } from './scripts.js';
import { STOPWORDS } from './stopwords.js';

export interface LanguageGuess {
  /** ISO 639-1 code, `und` when the text has no letters or its script names no language. */
  language: string;
  /** 0..1: the dominant script's share of letters, times the stopword evidence for Latin script. */
  confidence: number;
}

// Running English prose is 40-55% stopwords, terse technical text nearer 25%; from this share on the
// stopword evidence counts as full.
const FULL_STOPWORD_SHARE = 0.25;

/**
 * A heuristic, not a classifier: the dominant script decides non-Latin languages outright, and for
 * Latin script the stopword list with the largest share of the words wins.
 */
export const guessLanguage = (stats: TextStats): LanguageGuess => {
  let total = 0;
  let top: Script | undefined;
  let topCount = 0;
  for (const [script, n] of stats.letters) {
    total += n;
    if (n > topCount) [top, topCount] = [script, n];
  }
  // Japanese mixes kana with Han: any real share of kana makes Han-heavy text Japanese.
  const kana = stats.letters.get('kana') ?? 0;
  if (top === 'han' && kana >= 0.1 * total) [top, topCount] = ['kana', topCount + kana];
  if (top === undefined || total === 0) return { language: 'und', confidence: 0 };
  const scriptShare = topCount / total;
  if (top !== 'latin') return { language: SCRIPT_LANGUAGE[top] ?? 'und', confidence: scriptShare };
  if (stats.words.length === 0) return { language: 'und', confidence: 0 };
  let best = 'und';
  let bestHits = 0;
  for (const [language, words] of Object.entries(STOPWORDS)) {
    let hits = 0;
    for (const w of stats.words) if (words.has(w)) hits++;
    if (hits > bestHits) [best, bestHits] = [language, hits];
  }
  const stopShare = bestHits / stats.words.length;
  return { language: best, confidence: scriptShare * Math.min(1, stopShare / FULL_STOPWORD_SHARE) };
};
