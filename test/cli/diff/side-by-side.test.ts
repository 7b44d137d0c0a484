import { expect, test } from 'vitest';
import { alignLines, fitColumn, renderSideBySide, wrapColumn } from '../../../src/cli/diff/side-by-side.js';

test('aligns as sdiff does: common lines side by side, a replaced line paired, extra lines on one side', () => {
  expect(alignLines(['a', 'b', 'c', 'd'], ['a', 'x', 'y', 'c'])).toEqual([
    { left: 'a', right: 'a', mark: ' ' },
    { left: 'b', right: 'x', mark: '|' },
    { left: '', right: 'y', mark: '>' },
    { left: 'c', right: 'c', mark: ' ' },
    { left: 'd', right: '', mark: '<' },
  ]);
});

test('cuts an unchanged line to its column; wraps a changed one under its indent, at most N rows', () => {
  expect(fitColumn('abcdefghij', 5)).toBe('abcd…');
  expect(fitColumn('日本', 4)).toBe('日本  ');
  expect(wrapColumn('  abcdefghij', 6, 8)).toEqual(['  abcd', '  efgh', '  ij']);
  expect(wrapColumn('abcdefghij', 4, 2)).toEqual(['abcd', 'efg…']);
});

test('shows the changes with two lines of context and sums up the rest', () => {
  const same = (t: string) => ({ left: t, right: t, mark: ' ' as const });
  const rows = [same('1'), same('2'), same('3'), same('4'), { left: 'old text here', right: 'new', mark: '|' as const }, same('6'), same('7'), same('8')];
  expect(renderSideBySide(rows, { width: 23, titles: ['old', 'new'] })).toEqual([
    'old          new',
    '----------   ----------',
    '⋯ 2 uncha…',
    '3            3',
    '4            4',
    'old text h | new',
    'ere        |',
    '6            6',
    '7            7',
    '⋯ 1 uncha…',
  ]);
});
