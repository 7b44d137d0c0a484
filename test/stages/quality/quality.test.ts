import { expect, test } from 'vitest';
import { guessLanguage } from '../../../src/stages/quality/language.js';
import { measure } from '../../../src/stages/quality/measure.js';
import { qualityFilter } from '../../../src/stages/quality/quality-filter.js';
import { item, runStage } from '../../helpers/run-stage.js';
import { ENGLISH_PARAGRAPH, LOGIC_GAME } from './texts.js';

type Opts = Parameters<typeof qualityFilter>[0];

const verdict = async (text: string, options: Opts = {}) => {
  const { drops, counters } = await runStage(qualityFilter(options), [item('x', { text })]);
  expect(counters.balanced()).toBe(true);
  return drops[0] ? { code: drops[0].code, detail: drops[0].detail } : 'kept';
};

// Short texts for one rule at a time: the word-count floor is off unless the test is about it.
const short: Opts = { minWords: false, language: false, minWordsForRepetitionRules: 1 };
const repeat = (s: string, n: number, sep = ' ') => Array.from({ length: n }, () => s).join(sep);

test('a realistic English paragraph passes with defaults', async () => {
  expect(await verdict(ENGLISH_PARAGRAPH)).toBe('kept');
});

test('an AR-LSAT-like logic game passes with defaults, as fields and as a chat example', async () => {
  const { out, counters } = await runStage(qualityFilter(), [
    item('fields', { ...LOGIC_GAME }),
    item('chat', {
      messages: [
        { role: 'system', content: 'Answer with a letter.' },
        { role: 'user', content: `${LOGIC_GAME.passage}\n\n${LOGIC_GAME.question}\n${LOGIC_GAME.options.join('\n')}` },
        { role: 'assistant', content: LOGIC_GAME.options[4]! },
      ],
    }),
  ]);
  expect(out.map((o) => o.id)).toEqual(['fields', 'chat']);
  expect(counters.balanced()).toBe(true);
  // Why the repetition rules wait for long texts: Gopher's thresholds reject the formulaic game.
  const { drops } = await runStage(qualityFilter({ minWordsForRepetitionRules: 1 }), [item('fields', { ...LOGIC_GAME })]);
  expect(drops[0]).toMatchObject({ code: 'top_ngram_repetition', detail: { n: 3, max: 0.18 } });
});

test('too_few_words and too_many_words', async () => {
  expect(await verdict('Only a few words here.')).toEqual({ code: 'too_few_words', detail: { value: 5, min: 50 } });
  expect(await verdict(ENGLISH_PARAGRAPH, { maxWords: 20 })).toMatchObject({ code: 'too_many_words', detail: { max: 20 } });
  expect(await verdict('Only a few words here.', { minWords: null })).toBe('kept');
});

test('too_few_letters: most words are numbers', async () => {
  expect(await verdict('The totals were 1203 4411 9921 2210 3391 and 5512.', short)).toEqual({ code: 'too_few_letters', detail: { value: 0.4, min: 0.8 } });
});

test('mean_word_length, both bounds', async () => {
  expect(await verdict('I am a b c d e f g h ok.', short)).toMatchObject({ code: 'mean_word_length', detail: { min: 3 } });
  expect(await verdict('Interdepartmental telecommunications reorganisation notwithstanding, characteristically.', short)).toMatchObject({
    code: 'mean_word_length',
    detail: { max: 10 },
  });
});

test('symbol_ratio names the symbol', async () => {
  expect(await verdict('# Title ## Part ### More the end of it.', short)).toEqual({ code: 'symbol_ratio', detail: { symbol: '#', value: 0.857, max: 0.1 } });
  expect(await verdict('Another thought... maybe later... perhaps never… whatever happens tomorrow.', short)).toMatchObject({ code: 'symbol_ratio', detail: { symbol: 'ellipsis' } });
});

test('boilerplate phrases match across case and line breaks', async () => {
  expect(await verdict(`${ENGLISH_PARAGRAPH} Please ENABLE\nJavaScript to continue.`)).toEqual({ code: 'boilerplate', detail: { phrase: 'enable javascript' } });
  expect(await verdict(`Lorem ipsum dolor sit amet. ${ENGLISH_PARAGRAPH}`)).toMatchObject({ code: 'boilerplate', detail: { phrase: 'lorem ipsum' } });
  expect(await verdict(`${ENGLISH_PARAGRAPH} Lorem ipsum.`, { boilerplate: false })).toBe('kept');
});

test('language: other scripts, other Latin languages, and confidence', async () => {
  const german = 'Die Bibliothek ist seit dem Frühjahr der belebteste Ort im Dorf, und die Kinder machen dort nach der Schule ihre Hausaufgaben, wenn sie nicht draußen spielen.';
  const lang: Opts = { minWords: false };
  expect(await verdict(german, lang)).toMatchObject({ code: 'language', detail: { language: 'de', allow: ['en'] } });
  expect(await verdict(german, { ...lang, language: { allow: ['de'] } })).toBe('kept');
  expect(await verdict('Библиотека стала самым оживлённым местом в деревне прошлой весной.', lang)).toMatchObject({ code: 'language', detail: { language: 'ru' } });
  // Latin script, one function word in twelve: a keyword list, English but with low confidence.
  expect(await verdict('Cheap flights and hotels rentals cruises deals bookings discounts vacations packages tours.', lang)).toMatchObject({
    code: 'language',
    detail: { language: 'en', confidence: 0.333, min: 0.5 },
  });
  expect(guessLanguage(measure('東京は日本の首都であり、多くの人が住んでいます。'))).toMatchObject({ language: 'ja' });
});

test('few_lines_end_in_punctuation only for texts with enough lines', async () => {
  const menu = ['Home', 'About us', 'Products', 'Services', 'Careers', 'Blog', 'Press room', 'Contact', 'Site map', 'Help centre'].join('\n');
  expect(await verdict(menu, short)).toEqual({ code: 'few_lines_end_in_punctuation', detail: { value: 0, min: 0.12 } });
  expect(await verdict(menu.split('\n').slice(0, 9).join('\n'), short)).toBe('kept');
});

test('duplicate_lines', async () => {
  const lines = ['The first line is here.', 'Click here to read more.', 'Click here to read more.', 'Click here to read more.', 'Click here to read more.'];
  const text = [...lines, 'A second line follows.', 'A third line follows.', 'Then a fourth one.', 'Then a fifth one.', 'The end is near.'].join('\n');
  // 3 repeats in 10 lines is exactly the limit: Gopher drops only above it.
  expect(await verdict(text, { ...short, maxTopNgramShare: false, maxDuplicateNgramShare: false })).toBe('kept');
  expect(await verdict(`${text}\nClick here to read more.`, { ...short, maxTopNgramShare: false, maxDuplicateNgramShare: false })).toEqual({
    code: 'duplicate_lines',
    detail: { value: 0.364, max: 0.3 },
  });
});

test('duplicate_paragraphs only from five paragraphs', async () => {
  const text = ['Breaking news today.', 'Read the full story.', 'Breaking news today.', 'Breaking news today.', 'Share this page.'].join('\n\n');
  const opts = { ...short, maxTopNgramShare: false, maxDuplicateNgramShare: false } as const;
  expect(await verdict(text, opts)).toEqual({ code: 'duplicate_paragraphs', detail: { value: 0.4, max: 0.3 } });
  expect(await verdict(text, { ...opts, minParagraphsForParagraphRules: 6 })).toBe('kept');
});

test('top_ngram_repetition: one 2-gram dominates', async () => {
  const text = `${repeat('buy now', 8)} while the offer lasts today.`;
  expect(await verdict(text, short)).toMatchObject({ code: 'top_ngram_repetition', detail: { n: 2, max: 0.2 } });
});

test('duplicate_ngrams: a repeated long phrase', async () => {
  const phrase = 'every answer you need about the exam is right here';
  const text = `${phrase} and ${phrase} so study hard with care.`;
  // The repeated phrase has no dominant 2..4-gram once the top-n-gram rule is off.
  expect(await verdict(text, { ...short, maxTopNgramShare: false })).toMatchObject({ code: 'duplicate_ngrams', detail: { n: 5, max: 0.15 } });
});

test('measure is one pass: counts lines, paragraphs, words and symbols', () => {
  const s = measure('Hello, world!\n\n## Next -- line...\nHello, world!');
  expect(s.words).toEqual(['hello', 'world', 'next', 'line', 'hello', 'world']);
  expect([s.lines, s.paragraphs, s.duplicateLines, s.hashes, s.ellipses, s.linesEndingInPunctuation]).toEqual([3, 2, 1, 2, 1, 3]);
});

test('bad options fail when the pipeline is loaded', () => {
  expect(() => qualityFilter({ maxTopNgramShare: { two: 0.2 } })).toThrow();
  expect(() => qualityFilter({ minAlphaShare: 2 })).toThrow();
});
