import { describe, expect, it } from 'vitest';
import { harmonyEncoder } from '../../src/tokenizers/harmony-encoder.js';
import { PieceCounter, pieceCounter } from '../../src/tokenizers/piece-counter.js';
import { tiktokenFor, type TiktokenEncoding } from '../../src/tokenizers/tiktoken-encoder.js';
import { tiktokenPattern } from '../../src/tokenizers/tiktoken-patterns.js';
import { seededRandom } from '../../src/train/eval/seeded-random.js';

/**
 * Fragments chosen where a JS split could part from tiktoken's Rust regex: whitespace that JS `\s`
 * and Unicode White_Space disagree on (U+0085, U+FEFF), line and paragraph separators, CRLF, runs of
 * spaces before words (`\s+(?!\S)`), contractions in every case and with ſ (U+017F, which Rust's
 * case-insensitive `'s` matches), title-case and modifier letters, combining marks alone and after
 * letters, every kind of number, emoji sequences, lone surrogates, text that looks like special tokens,
 * slashes and newlines after punctuation (o200k's `[\r\n/]*`), and code points newer than Unicode 14.
 */
const FRAGMENTS = [
  'the', 'The', 'THE', 'tHe', 'passage', 'Passage', 'kungserthounment', 'McDonald', 'iPhone', 'HTTPServer',
  "'s", "'S", "'t", "'T", "'re", "'RE", "'Re", "'rE", "'ve", "'VE", "'m", "'M", "'ll", "'LL", "'lL", "'d", "'D", "'ſ", "'K", "'k",
  "don't", "DON'T", "we'RE", "I'M", "it'ſ", "''", "'", 'ǅ', 'ǅemal', 'ʰ', 'ˈa', 'ſ', 'ﬁ',
  ' ', '  ', '   ', '\t', '\n', '\n\n', '\r', '\r\n', '\r\n\r\n', ' \n', '\n ', '\u0085', '\u00a0', '\u1680', '\u2000', '\u2028',
  '\u2029', '\u202f', '\u3000', '\ufeff', '\u200b', '\u180e', '\u000b', '\u000c', '\u001c',
  '0', '7', '12', '123', '1234', '12345678', '٣٤٥', '१२३', '²', '½', 'Ⅻ', '①', '１２３', '3.14', '1,000',
  '.', ',', '!', '?', '...', '--', '—', '/', '//', '/\n', '.\n', '.\n/\n', ':\n\n', '(', ')', '[', '{', '"', '“', '”', '«', '#', '@', '_', '*', '\\', '|',
  '<|endoftext|>', '<|im_start|>', '<|endofprompt|>', '<|fim_prefix|>', '<|im_sep|>',
  '日本語', 'テキスト', '한국어', '中文字', 'Привет', 'мир', 'Ελληνικά', 'مرحبا', 'שלום', 'नमस्ते', 'क्षि', 'ไทย', 'Tiếng', 'Việt',
  'e\u0301', '\u0301', '\u0301\u0302', 'a\u0308', '\u093f', '\u20dd',
  '👍', '👍🏽', '👨‍👩‍👧', '🇫🇷', '❤️', '©', '€', '$', '%', '\u{1fa89}', '\u{e000}', '\u{10ffff}', '\u0378',
];
/** Text holding one of these is encoded whole: lone surrogates, and letters newer than Unicode 14 (unicode-drift.ts). */
const UNSPLITTABLE = ['\ud800', '\udc00', '\udbff', 'x\ud83d', '\ude00y', '\u{10d50}', '\u{323b0}', '\u{1e5d0}', '\u{16d40}', 'ʕ'];

const randomText = (next: () => number): string => {
  const n = 1 + Math.floor(next() * 24);
  let s = '';
  for (let i = 0; i < n; i++) s += FRAGMENTS[Math.floor(next() * FRAGMENTS.length)];
  if (next() < 0.1) {
    const at = Math.floor(next() * (s.length + 1));
    s = s.slice(0, at) + UNSPLITTABLE[Math.floor(next() * UNSPLITTABLE.length)] + s.slice(at);
  }
  return s;
};

const mismatches = (encoding: TiktokenEncoding, counter: PieceCounter, texts: string[]) => {
  const enc = tiktokenFor(encoding);
  return texts
    .map((text) => ({ text, expected: enc.encode_ordinary(text).length, got: counter.count(text) }))
    .filter((r) => r.expected !== r.got);
};

describe.each(['o200k_base', 'cl100k_base'] as const)('PieceCounter %s', (encoding) => {
  const texts = (() => {
    const next = seededRandom(`piece-counter ${encoding}`);
    return Array.from({ length: 4000 }, () => randomText(next));
  })();

  it('counts 4,000 random mixed-script texts exactly as encode_ordinary does, with a cache small enough to turn over', () => {
    const counter = pieceCounter(encoding, { maxEntries: 64, maxPieceChars: 8 });
    expect(mismatches(encoding, counter, texts)).toEqual([]);
    // The texts exercised every path: pieces from the cache, pieces encoded, texts encoded whole.
    expect(counter.hits).toBeGreaterThan(10_000);
    expect(counter.misses).toBeGreaterThan(1_000);
    expect(counter.wholeTexts).toBeGreaterThan(200);
    expect(counter.size).toBeLessThanOrEqual(128);
  });

  it('gives the same counts again from a warm default cache', () => {
    const counter = pieceCounter(encoding);
    expect(mismatches(encoding, counter, texts)).toEqual([]);
    expect(mismatches(encoding, counter, texts)).toEqual([]);
  });

  it('splits where tiktoken does: encoding each piece alone gives the same tokens as the whole text', () => {
    // The premise of counting by pieces: encode_ordinary runs BPE on each piece independently.
    const enc = tiktokenFor(encoding);
    const pattern = tiktokenPattern(encoding);
    const splittable = texts.filter((t) => !UNSPLITTABLE.some((u) => t.includes(u)));
    const differing = splittable.filter((text) => {
      const byPiece = (text.match(pattern) ?? []).flatMap((p) => [...enc.encode_ordinary(p)]);
      return byPiece.join(',') !== [...enc.encode_ordinary(text)].join(',');
    });
    expect(splittable.length).toBeGreaterThan(3_000);
    expect(differing).toEqual([]);
  });

  it('counts whitespace runs and the lookahead exactly', () => {
    const counter = pieceCounter(encoding);
    const cases = [' '.repeat(40) + 'x', '\t \u0085 \ufeffa', 'a \u00a0\u00a0 b', '\n'.repeat(9) + '  y', 'x \r\n \r\n  z', ' \u2028 \u2029 w', 'end   '];
    expect(mismatches(encoding, counter, cases)).toEqual([]);
  });
});

describe('gpt-oss (harmony) counts through the piece counter', () => {
  it('counts random texts around harmony special tokens as o200k_base encode_ordinary plus one per special', () => {
    const enc = tiktokenFor('o200k_base');
    const harmony = harmonyEncoder();
    const next = seededRandom('piece-counter harmony');
    const specials = ['<|start|>', '<|message|>', '<|end|>', '<|channel|>'];
    const differing: string[] = [];
    for (let i = 0; i < 500; i++) {
      // Without special-token lookalikes: harmony counts <|endoftext|> in text as one token.
      const parts = Array.from({ length: 1 + Math.floor(next() * 4) }, () => randomText(next).replaceAll('<|', '<'));
      const joined = parts.join(specials[i % specials.length]);
      const expected = parts.reduce((n, p) => n + enc.encode_ordinary(p).length, 0) + parts.length - 1;
      if (harmony.count(joined) !== expected) differing.push(joined);
    }
    expect(differing).toEqual([]);
  });
});

describe('PieceCounter paths', () => {
  const spy = () => {
    const calls: string[] = [];
    return { calls, count: (text: string) => (calls.push(text), text.length) };
  };

  it('encodes text with a lone surrogate or a code point newer than Unicode 14 whole', () => {
    const inner = spy();
    const counter = new PieceCounter('o200k_base', inner);
    for (const text of ['one \ud800 two', 'Garay \u{10d50} letter', 'phar\u0295ynx']) counter.count(text);
    expect(inner.calls).toEqual(['one \ud800 two', 'Garay \u{10d50} letter', 'phar\u0295ynx']);
    expect(counter.wholeTexts).toBe(3);
  });

  it('encodes everything whole on a runtime whose Unicode the drift table does not cover', () => {
    const inner = spy();
    const counter = new PieceCounter('o200k_base', inner, undefined, false);
    counter.count('Hello world');
    expect(inner.calls).toEqual(['Hello world']);
  });

  it('encodes each distinct piece once and never keeps a piece past maxPieceChars', () => {
    const inner = spy();
    const counter = new PieceCounter('o200k_base', inner, { maxEntries: 100, maxPieceChars: 6 });
    counter.count('the cat and the extraordinary cat');
    counter.count('the extraordinary cat');
    expect(inner.calls).toEqual(['the', ' cat', ' and', ' the', ' extraordinary', ' extraordinary']);
    expect(counter.size).toBe(4);
  });

  it('keeps at most two generations of maxEntries pieces, and a piece in use survives the turnover', () => {
    const inner = spy();
    const counter = new PieceCounter('cl100k_base', inner, { maxEntries: 2, maxPieceChars: 32 });
    counter.count('a b'); // current: a, " b"
    counter.count(' c'); // full: previous = {a, " b"}, current = {" c"}
    counter.count('a'); // from previous, copied forward: current = {" c", a}
    counter.count(' d'); // full: previous = {" c", a}, current = {" d"}; " b" is dropped
    expect(counter.size).toBe(3);
    counter.count('a b');
    expect(inner.calls).toEqual(['a', ' b', ' c', ' d', ' b']);
  });
});
