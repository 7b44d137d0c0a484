// A port of sacreBLEU's default tokenizer, `13a` (mteval-v13a.pl's, as used by WMT), so our BLEU is
// sacreBLEU's number. Ported from mjpost/sacrebleu (Apache-2.0): sacrebleu/tokenizers/tokenizer_13a.py
// and tokenizer_re.py, plus the `rstrip()` of metrics/bleu.py `_preprocess_segment` and the
// `str.split()` of metrics/helpers.py.

/**
 * Python's `str.split()` / `str.rstrip()` whitespace (`str.isspace`). JS `\s` differs: it has U+FEFF
 * and lacks U+001C..U+001F and U+0085, so a token boundary would move on such text.
 */
const PY_SPACE = '\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const PY_SPACES = new RegExp(`[${PY_SPACE}]+`, 'gu');
const PY_TRAILING_SPACES = new RegExp(`[${PY_SPACE}]+$`, 'u');

/** Python's `line.split()`: runs of whitespace separate, no empty tokens. */
const pySplit = (line: string): string[] => line.split(PY_SPACES).filter((token) => token !== '');

/** Python's `line.rstrip()`. */
const pyRstrip = (line: string): string => line.replace(PY_TRAILING_SPACES, '');

/**
 * The four substitutions of tokenizer_re.py, in order, each a global non-overlapping left-to-right
 * replace as Python's `re.sub` is. The first class is Python's `[\{-\~\[-\` -\&\(-\+\:-\@\/]`
 * written in code points: `{|}~`, `[\]^_``, space to `&`, `()*+`, `:;<=>?@` and `/` — every ASCII
 * punctuation mark and symbol except `'`, `,`, `-` and `.`, which the next rules treat by context.
 */
const RULES: readonly [RegExp, string][] = [
  // language-dependent part (assuming Western languages): split off punctuation and symbols
  [/([\x7b-\x7e\x5b-\x60\x20-\x26\x28-\x2b\x3a-\x40\x2f])/gu, ' $1 '],
  // period and comma unless preceded by a digit
  [/([^0-9])([.,])/gu, '$1 $2 '],
  // period and comma unless followed by a digit
  [/([.,])([^0-9])/gu, ' $1 $2'],
  // dash when preceded by a digit
  [/([0-9])(-)/gu, '$1 $2 '],
];

/** tokenizer_re.py `TokenizerRegexp.__call__`: the rules, then single spaces and no ends. */
const tokenizeRegexp = (line: string): string => {
  let out = line;
  for (const [pattern, replacement] of RULES) out = out.replace(pattern, replacement);
  return pySplit(out).join(' ');
};

/** tokenizer_13a.py `Tokenizer13a.__call__`: the language-independent part, then the regexp part. */
export const tokenize13a = (line: string): string => {
  let out = line.replaceAll('<skipped>', '').replaceAll('-\n', '').replaceAll('\n', ' ');
  if (out.includes('&')) {
    // sacreBLEU's order: `&amp;` is decoded before `&lt;`, so `&amp;lt;` ends as `<`, decoded twice.
    out = out.replaceAll('&quot;', '"').replaceAll('&amp;', '&').replaceAll('&lt;', '<').replaceAll('&gt;', '>');
  }
  return tokenizeRegexp(` ${out} `);
};

/** What BLEU reads of one segment (metrics/bleu.py `_preprocess_segment`, mixed case): trailing whitespace off, then 13a. */
export const bleuTokens = (segment: string): string[] => pySplit(tokenize13a(pyRstrip(segment)));
