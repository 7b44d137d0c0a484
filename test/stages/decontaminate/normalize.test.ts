import { expect, test } from 'vitest';
import { segments, words } from '../../../src/stages/decontaminate/normalize.js';

test('words: case folded, punctuation and option labels gone, whitespace collapsed', () => {
  expect(words('(A)  The Fig-Tart\u2014is   baked\n\tFIRST.')).toEqual(['the', 'fig', 'tart', 'is', 'baked', 'first']);
  expect(words('B. Nina\u2019s report')).toEqual(words("b) nina's REPORT"));
  expect(words('Question: Who? Answer:')).toEqual(['who']);
  // A sentence-ending "A." inside a line is a word, not a label.
  expect(words('Choose plan A. Then stop.')).toEqual(['choose', 'plan', 'a', 'then', 'stop']);
});

test('segments: a prompt splits at line breaks, option labels and prompt labels', () => {
  expect(segments('Passage: Two cups sit here.Question: Which is left?\nA. red\n(B) blue (C) green\nAnswer:')).toEqual([
    ['two', 'cups', 'sit', 'here'],
    ['which', 'is', 'left'],
    ['red'],
    ['blue'],
    ['green'],
  ]);
});
