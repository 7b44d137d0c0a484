import { expect, test } from 'vitest';
import { bleuTokens, tokenize13a } from '../../../../src/train/eval/scorers/tokenize-13a.js';

// sacreBLEU has no test file for its 13a tokenizer; these cases follow its rules
// (sacrebleu/tokenizers/tokenizer_13a.py, tokenizer_re.py) and each expected line is what
// sacreBLEU 2.6.0's Tokenizer13a returns for the input.
test.each([
  ['Hello, world!', 'Hello , world !'],
  // a period or comma between digits stays; the apostrophe is never split
  ["It's 3.5 or 1,000 items.", "It's 3.5 or 1,000 items ."],
  // a dash after a digit is split, between letters it stays
  ['9-11 and e-mail', '9 - 11 and e-mail'],
  ['a - b -- c, d', 'a - b -- c , d'],
  // a period next to a letter is split on either side, even before a digit
  ['a.b', 'a . b'],
  ['3.x', '3 . x'],
  ['x.5', 'x . 5'],
  ['U.S.A.', 'U . S . A .'],
  // the four entities, &amp; before &lt; (so &amp;lt; ends as <)
  ['&quot;hi&quot; a &amp;lt; b &gt; c', '" hi " a < b > c'],
  ['<skipped>x', 'x'],
  // a hyphen at a line end joins the words, other newlines are spaces
  ['well-\nknown\nfact', 'wellknown fact'],
  // every other ASCII punctuation mark and symbol: the class [\{-\~\[-\` -\&\(-\+\:-\@\/]
  ['$5 (or 10%) {a|b} [c^d_e`f] ~/x:y;z=w?v@u#t*s+r', '$ 5 ( or 10 % ) { a | b } [ c ^ d _ e ` f ] ~ / x : y ; z = w ? v @ u # t * s + r'],
])('tokenize13a(%j) is %j', (line, expected) => {
  expect(tokenize13a(line)).toBe(expected);
});

test("tokens split on Python's whitespace, not JavaScript's: U+0085 and U+001C separate, U+FEFF does not", () => {
  expect(bleuTokens('A\u0085B\u001cC')).toEqual(['A', 'B', 'C']);
  expect(bleuTokens('A\ufeffB')).toEqual(['A\ufeffB']);
  expect(bleuTokens('x  \t y\u00a0z\u3000w')).toEqual(['x', 'y', 'z', 'w']);
});

test('trailing whitespace is stripped before tokenizing (a line\'s \\r or spaces add no token)', () => {
  expect(bleuTokens('the end.\r')).toEqual(['the', 'end', '.']);
  // a hyphen at the very end stays: stripping comes before 13a joins `-\n`
  expect(bleuTokens('well-\n')).toEqual(['well-']);
  expect(bleuTokens('')).toEqual([]);
});
