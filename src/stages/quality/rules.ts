import { dropReasons } from '../../pipeline/drop-codes.js';
import type { DropReason } from '../../pipeline/item.js';
import { guessLanguage } from './language.js';
import type { TextStats } from './measure.js';
import { duplicateNgramShare, topNgramShare } from './ngrams.js';
import { on, type QualityOptions } from './options.js';

/** One code per rule; the detail gives the measured `value` and the `min` or `max` it broke. */
export const QUALITY_DROP_CODES = {
  too_few_words: 'fewer words than `minWords`',
  too_many_words: 'more words than `maxWords`',
  too_few_letters: 'too small a share of words with a letter (`minAlphaShare`)',
  mean_word_length: 'mean word length outside `minMeanWordLength`..`maxMeanWordLength`',
  symbol_ratio: 'too many `#` or ellipses per word; detail names the symbol',
  boilerplate: 'a boilerplate phrase; detail: the phrase',
  language: 'a language not allowed, or a guess under `minConfidence`; detail: the guess and its confidence',
  few_lines_end_in_punctuation: 'too small a share of lines end in terminal punctuation (from `minLinesForLineRules` lines)',
  duplicate_lines: 'too large a share of lines repeat an earlier line (from `minLinesForLineRules` lines)',
  duplicate_paragraphs: 'too large a share of paragraphs repeat an earlier one (from `minParagraphsForParagraphRules` paragraphs)',
  top_ngram_repetition: 'the most frequent n-gram covers too much of the text (from `minWordsForRepetitionRules` words); detail names n',
  duplicate_ngrams: 'repeated n-grams cover too much of the text (from `minWordsForRepetitionRules` words); detail names n',
} as const;

type QualityDropCode = keyof typeof QUALITY_DROP_CODES;
const reason = dropReasons(QUALITY_DROP_CODES);

// Shares are rounded in the detail only, so a rejected.jsonl line reads 0.213 rather than 0.21327...
const r3 = (x: number) => Math.round(x * 1000) / 1000;
const below = (code: QualityDropCode, value: number, min: number, extra: Record<string, string | number> = {}): DropReason => ({ code, detail: { ...extra, value: r3(value), min } });
const above = (code: QualityDropCode, value: number, max: number, extra: Record<string, string | number> = {}): DropReason => ({ code, detail: { ...extra, value: r3(value), max } });

const byN = (thresholds: Record<string, number>) =>
  Object.entries(thresholds)
    .map(([n, max]) => [Number(n), max] as const)
    .sort((a, b) => a[0] - b[0]);

/**
 * The first rule the text fails, or undefined. Cheap counts go first and the n-gram scans last, so
 * most rejected records never pay for them.
 */
export const firstFailure = (s: TextStats, o: QualityOptions): DropReason | undefined => {
  const words = s.words.length;
  if (on(o.minWords) && words < o.minWords) return below('too_few_words', words, o.minWords);
  if (on(o.maxWords) && words > o.maxWords) return above('too_many_words', words, o.maxWords);
  if (words > 0) {
    if (on(o.minAlphaShare) && s.wordsWithLetter / words < o.minAlphaShare) return below('too_few_letters', s.wordsWithLetter / words, o.minAlphaShare);
    const mean = s.wordChars / words;
    if (on(o.minMeanWordLength) && mean < o.minMeanWordLength) return below('mean_word_length', mean, o.minMeanWordLength);
    if (on(o.maxMeanWordLength) && mean > o.maxMeanWordLength) return above('mean_word_length', mean, o.maxMeanWordLength);
    if (on(o.maxSymbolToWordRatio)) {
      // Gopher bounds each symbol separately, so report the worse one and name it.
      const [symbol, count] = s.hashes >= s.ellipses ? ['#', s.hashes] : ['ellipsis', s.ellipses];
      if (count / words > o.maxSymbolToWordRatio) return above('symbol_ratio', count / words, o.maxSymbolToWordRatio, { symbol });
    }
  }
  if (on(o.boilerplate)) {
    for (const phrase of o.boilerplate) {
      const p = phrase.toLowerCase().split(/\s+/).join(' ');
      if (s.flat.includes(p)) return reason('boilerplate', { phrase });
    }
  }
  if (on(o.language)) {
    const g = guessLanguage(s);
    if (!o.language.allow.includes(g.language) || g.confidence < o.language.minConfidence) {
      return reason('language', { language: g.language, confidence: r3(g.confidence), allow: o.language.allow, min: o.language.minConfidence });
    }
  }
  if (s.lines >= o.minLinesForLineRules) {
    const punct = s.linesEndingInPunctuation / s.lines;
    if (on(o.minLinesEndingInPunctuation) && punct < o.minLinesEndingInPunctuation) return below('few_lines_end_in_punctuation', punct, o.minLinesEndingInPunctuation);
    const dup = s.duplicateLines / s.lines;
    if (on(o.maxDuplicateLineShare) && dup > o.maxDuplicateLineShare) return above('duplicate_lines', dup, o.maxDuplicateLineShare);
  }
  if (s.paragraphs >= o.minParagraphsForParagraphRules && on(o.maxDuplicateParagraphShare)) {
    const dup = s.duplicateParagraphs / s.paragraphs;
    if (dup > o.maxDuplicateParagraphShare) return above('duplicate_paragraphs', dup, o.maxDuplicateParagraphShare);
  }
  if (words < o.minWordsForRepetitionRules) return undefined;
  if (on(o.maxTopNgramShare)) {
    for (const [n, max] of byN(o.maxTopNgramShare)) {
      const v = topNgramShare(s.words, s.wordChars, n);
      if (v > max) return above('top_ngram_repetition', v, max, { n });
    }
  }
  if (on(o.maxDuplicateNgramShare)) {
    for (const [n, max] of byN(o.maxDuplicateNgramShare)) {
      const v = duplicateNgramShare(s.words, s.wordChars, n);
      if (v > max) return above('duplicate_ngrams', v, max, { n });
    }
  }
  return undefined;
};
