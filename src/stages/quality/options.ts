import { z } from 'zod';

/** A rule's threshold, or `false`/`null` to switch the rule off. */
const rule = <S extends z.ZodType>(schema: S) => z.union([schema, z.literal(false), z.null()]);
const share = z.number().min(0).max(1);
// n-gram thresholds are keyed by n ("2": 0.2); a given record replaces the whole default record.
const perN = z.record(z.string().regex(/^[1-9]\d?$/, 'expected an n-gram length 1..99'), share);

/** Sources: Gopher = Rae et al. 2021 (MassiveText quality filters), C4 = Raffel et al. 2020, FineWeb = Penedo et al. 2024. */
export const DEFAULT_TOP_NGRAM_SHARE = { '2': 0.2, '3': 0.18, '4': 0.16 } as const; // Gopher
export const DEFAULT_DUPLICATE_NGRAM_SHARE = { '5': 0.15, '6': 0.14, '7': 0.13, '8': 0.12, '9': 0.11, '10': 0.1 } as const; // Gopher

// C4 drops pages with "lorem ipsum" and lines naming javascript, cookies, terms of use or privacy policy;
// the rest are the same family of page furniture. Matched case-insensitively with whitespace collapsed.
export const DEFAULT_BOILERPLATE = [
  'lorem ipsum',
  'enable javascript',
  'javascript is disabled',
  'javascript is required',
  'your browser does not support',
  'this website uses cookies',
  'this site uses cookies',
  'we use cookies',
  'accept all cookies',
  'accept cookies',
  'cookie policy',
  'terms of use',
  'privacy policy',
  'all rights reserved',
  'skip to main content',
  'subscribe to our newsletter',
] as const;

export const QualityOptions = z.strictObject({
  /** Fields of `data` to judge, read together as one text. @default every string and string-array field, plus user and assistant contents of `messages` */
  fields: z.array(z.string().min(1)).min(1).optional(),
  /** Fewer words drop `too_few_words`. @default 50 (Gopher) */
  minWords: rule(z.int().min(1)).default(50),
  /** More words drop `too_many_words`. @default 100000 (Gopher) */
  maxWords: rule(z.int().min(1)).default(100_000),
  /** Mean word length outside [min, max] characters drops `mean_word_length`. @default 3 and 10 (Gopher) */
  minMeanWordLength: rule(z.number().min(0)).default(3),
  maxMeanWordLength: rule(z.number().min(0)).default(10),
  /** `#` characters, or ellipses, per word above this drop `symbol_ratio`. @default 0.1 (Gopher) */
  maxSymbolToWordRatio: rule(z.number().min(0)).default(0.1),
  /** Share of words with at least one letter below this drops `too_few_letters`. @default 0.8 (Gopher) */
  minAlphaShare: rule(share).default(0.8),
  /** Phrases whose presence drops `boilerplate`. @default DEFAULT_BOILERPLATE (C4 and kin) */
  boilerplate: rule(z.array(z.string().min(1))).default([...DEFAULT_BOILERPLATE]),
  /** Script/stopword guess not in `allow`, or under `minConfidence`, drops `language`. @default { allow: ['en'], minConfidence: 0.5 } */
  language: rule(z.strictObject({ allow: z.array(z.string().min(2)).min(1).default(['en']), minConfidence: share.default(0.5) })).default({
    allow: ['en'],
    minConfidence: 0.5,
  }),
  /**
   * Line rules (punctuation, duplicate lines) apply only to texts with at least this many non-empty
   * lines: in a question with five options one odd line is a large share. @default 10
   */
  minLinesForLineRules: z.int().min(1).default(10),
  /** Duplicate-paragraph rule applies only from this many paragraphs. @default 5 */
  minParagraphsForParagraphRules: z.int().min(1).default(5),
  /**
   * The n-gram repetition rules apply only from this many words. Gopher tuned them on web pages; a
   * logic game says "the jazz lecture is given on" in every condition and option, and at 150-300
   * words its top 3-gram alone covers over 18% of the characters. @default 500
   */
  minWordsForRepetitionRules: z.int().min(1).default(500),
  /** Share of lines ending in terminal punctuation below this drops `few_lines_end_in_punctuation`. @default 0.12 (FineWeb's document form of C4's line rule) */
  minLinesEndingInPunctuation: rule(share).default(0.12),
  /** Share of lines repeating an earlier line above this drops `duplicate_lines`. @default 0.3 (Gopher) */
  maxDuplicateLineShare: rule(share).default(0.3),
  /** Share of paragraphs repeating an earlier one above this drops `duplicate_paragraphs`. @default 0.3 (Gopher) */
  maxDuplicateParagraphShare: rule(share).default(0.3),
  /** Per n, share of word characters in the most frequent n-gram above this drops `top_ngram_repetition`. @default 2: 0.20, 3: 0.18, 4: 0.16 (Gopher) */
  maxTopNgramShare: rule(perN).default({ ...DEFAULT_TOP_NGRAM_SHARE }),
  /** Per n, share of word characters in repeated n-grams above this drops `duplicate_ngrams`. @default 5..10: 0.15..0.10 (Gopher) */
  maxDuplicateNgramShare: rule(perN).default({ ...DEFAULT_DUPLICATE_NGRAM_SHARE }),
});

export type QualityOptions = z.output<typeof QualityOptions>;

/** A rule is off when its threshold is `false` or `null`. */
export const on = <T>(v: T | false | null): v is T => v !== false && v !== null;
