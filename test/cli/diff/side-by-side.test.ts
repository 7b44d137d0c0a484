import { expect, test } from 'vitest';
import { alignLines, fitColumn, renderSideBySide } from '../../../src/cli/diff/side-by-side.js';

test('aligns as sdiff does: common lines side by side, a replaced line paired, extra lines on one side', () => {
  expect(alignLines(['a', 'b', 'c', 'd'], ['a', 'x', 'y', 'c'])).toEqual([
    { left: 'a', right: 'a', mark: ' ' },
    { left: 'b', right: 'x', mark: '|' },
    { left: '', right: 'y', mark: '>' },
    { left: 'c', right: 'c', mark: ' ' },
    { left: 'd', right: '', mark: '<' },
  ]);
});

test('cuts a line to its column with an ellipsis and pads a short one', () => {
  expect(fitColumn('abcdefghij', 5)).toBe('abcd…');
  expect(fitColumn('日本', 4)).toBe('日本  ');
  expect(renderSideBySide([{ left: 'old text here', right: 'new', mark: '|' }], 23, ['old', 'new'])).toEqual(['old          new', '----------   ----------', 'old text … | new']);
});
