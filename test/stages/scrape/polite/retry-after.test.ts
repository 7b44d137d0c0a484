import { describe, expect, test } from 'vitest';
import { backoffMs, isRetryableStatus, parseRetryAfter } from '../../../../src/stages/scrape/polite/retry-after.js';

const NOW = new Date('2026-11-23T12:00:00Z');

describe('parseRetryAfter', () => {
  const cases: [value: string | undefined, ms: number | undefined][] = [
    [undefined, undefined],
    ['', undefined],
    ['soon', undefined],
    ['1.5', undefined],
    ['2024', 600_000],
    ['hello 1', undefined],
    ['0', 0],
    ['120', 120_000],
    [' 7 ', 7_000],
    ['-5', 0],
    ['601', 600_000],
    ['99999999999999999999', 600_000],
    // HTTP-dates in all three formats
    ['Mon, 23 Nov 2026 12:00:30 GMT', 30_000],
    ['mon, 23 nov 2026 12:01:00 gmt', 60_000],
    ['Monday, 23-Nov-26 12:00:10 GMT', 10_000],
    ['Mon Nov 23 12:00:05 2026', 5_000],
    ['Mon Nov  3 12:00:05 2026', 0],
    ['Sun, 06 Nov 1994 08:49:37 GMT', 0],
    ['Tue, 24 Nov 2026 12:00:00 GMT', 600_000],
    // not HTTP-dates, though Date.parse would take them
    ['2026-11-23T12:00:30Z', undefined],
    ['Mon, 23 Nov 2026 12:00:30 +0000', undefined],
    ['Mon, 32 Nov 2026 12:00:30 GMT', undefined],
    ['Mon, 23 Foo 2026 12:00:30 GMT', undefined],
  ];
  test.each(cases)('%j -> %s', (value, ms) => {
    expect(parseRetryAfter(value, NOW)).toBe(ms);
  });

  test('the cap can be changed', () => {
    expect(parseRetryAfter('3600', NOW, 3_600_000)).toBe(3_600_000);
    expect(parseRetryAfter('3600', NOW, 1_000)).toBe(1_000);
  });

  test('reads a two-digit year as the most recent one not over 50 years ahead', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('Thursday, 01-Jan-76 00:00:00 GMT', now, Infinity)).toBe(Date.UTC(2076, 0, 1) - now.getTime());
    // 2077 would be 51 years ahead, so it is 1977: in the past.
    expect(parseRetryAfter('Saturday, 01-Jan-77 00:00:00 GMT', now, Infinity)).toBe(0);
    expect(parseRetryAfter('Thursday, 01-Jan-26 00:00:10 GMT', now, Infinity)).toBe(10_000);
  });
});

describe('backoffMs', () => {
  test('doubles the ceiling per attempt up to maxMs, jittered over the whole range', () => {
    const top = () => 0.999_999;
    expect([0, 1, 2, 3, 4, 5, 6, 7, 100].map((attempt) => backoffMs(attempt, { random: top }))).toEqual([
      499, 999, 1999, 3999, 7999, 15_999, 29_999, 29_999, 29_999,
    ]);
    expect(backoffMs(3, { random: () => 0 })).toBe(0);
    expect(backoffMs(3, { random: () => 0.5 })).toBe(2000);
  });

  test('takes its base and cap from the options', () => {
    expect(backoffMs(2, { baseMs: 100, maxMs: 250, random: () => 0.5 })).toBe(125);
    expect(backoffMs(1, { baseMs: 100, maxMs: 250, random: () => 0.5 })).toBe(100);
  });

  test('treats a negative or fractional attempt as the whole number below, floored at 0', () => {
    expect(backoffMs(-3, { random: () => 0.5 })).toBe(250);
    expect(backoffMs(1.9, { random: () => 0.5 })).toBe(500);
  });

  test('stays within [0, ceiling) with the real random', () => {
    for (let i = 0; i < 100; i++) {
      const ms = backoffMs(2);
      expect(ms).toBeGreaterThanOrEqual(0);
      expect(ms).toBeLessThan(2000);
    }
  });
});

test('isRetryableStatus', () => {
  const retryable = [408, 425, 429, 500, 502, 503, 504, 507, 508, 520, 522, 524, 599];
  const final = [200, 204, 301, 304, 400, 401, 403, 404, 410, 422, 451, 501, 505, 600];
  expect(retryable.filter((s) => !isRetryableStatus(s))).toEqual([]);
  expect(final.filter(isRetryableStatus)).toEqual([]);
});
