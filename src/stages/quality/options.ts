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
  fields: z.array(z.string().min(1)).min(1).optional().meta({
    description: 'Fields of `data` to judge, read together as one text.',
    whenAbsent: 'every string and string-array field, plus user and assistant contents of `messages`',
  }),
  minWords: rule(z.int().min(1)).default(50).describe('Fewer words drop `too_few_words` (Gopher).'),
  maxWords: rule(z.int().min(1)).default(100_000).describe('More words drop `too_many_words` (Gopher).'),
  minMeanWordLength: rule(z.number().min(0)).default(3).describe('A shorter mean word length in characters drops `mean_word_length` (Gopher).'),
  maxMeanWordLength: rule(z.number().min(0)).default(10).describe('A longer mean word length in characters drops `mean_word_length` (Gopher).'),
  maxSymbolToWordRatio: rule(z.number().min(0)).default(0.1).describe('`#` characters, or ellipses, per word above this drop `symbol_ratio` (Gopher).'),
  minAlphaShare: rule(share).default(0.8).describe('Share of words with at least one letter below this drops `too_few_letters` (Gopher).'),
  boilerplate: rule(z.array(z.string().min(1)))
    .default([...DEFAULT_BOILERPLATE])
    .describe('Phrases whose presence drops `boilerplate`, matched case-insensitively with whitespace collapsed (C4 and kin).'),
  language: rule(
    z.strictObject({
      allow: z.array(z.string().min(2)).min(1).default(['en']).describe('Language codes kept.'),
      minConfidence: share.default(0.5).describe('Guesses less sure than this drop `language`.'),
    }),
  )
    .default({ allow: ['en'], minConfidence: 0.5 })
    .describe('Script/stopword language guess: a language not in `allow`, or a guess under `minConfidence`, drops `language`.'),
  // In a question with five options one odd line is a large share, hence the minimum.
  minLinesForLineRules: z
    .int()
    .min(1)
    .default(10)
    .describe('Line rules (punctuation, duplicate lines) apply only to texts with at least this many non-empty lines.'),
  minParagraphsForParagraphRules: z.int().min(1).default(5).describe('The duplicate-paragraph rule applies only from this many paragraphs.'),
  // Gopher tuned the n-gram rules on web pages; a logic game says "the jazz lecture is given on" in
  // every condition and option, and at 150-300 words its top 3-gram alone covers over 18% of the characters.
  minWordsForRepetitionRules: z.int().min(1).default(500).describe('The n-gram repetition rules apply only from this many words.'),
  minLinesEndingInPunctuation: rule(share)
    .default(0.12)
    .describe("Share of lines ending in terminal punctuation below this drops `few_lines_end_in_punctuation` (FineWeb's document form of C4's line rule)."),
  maxDuplicateLineShare: rule(share).default(0.3).describe('Share of lines repeating an earlier line above this drops `duplicate_lines` (Gopher).'),
  maxDuplicateParagraphShare: rule(share).default(0.3).describe('Share of paragraphs repeating an earlier one above this drops `duplicate_paragraphs` (Gopher).'),
  maxTopNgramShare: rule(perN)
    .default({ ...DEFAULT_TOP_NGRAM_SHARE })
    .describe('Per n, share of word characters in the most frequent n-gram above this drops `top_ngram_repetition` (Gopher).'),
  maxDuplicateNgramShare: rule(perN)
    .default({ ...DEFAULT_DUPLICATE_NGRAM_SHARE })
    .describe('Per n, share of word characters in repeated n-grams above this drops `duplicate_ngrams` (Gopher).'),
});

export type QualityOptions = z.output<typeof QualityOptions>;

/** A rule is off when its threshold is `false` or `null`. */
export const on = <T>(v: T | false | null): v is T => v !== false && v !== null;
