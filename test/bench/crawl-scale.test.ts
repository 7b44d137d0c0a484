import { expect, test } from 'vitest';
import { crawlScale } from '../../bench/crawl-scale.js';

test('the full benchmark crawls 2,000 pages in 3 rounds', () => {
  expect(crawlScale([50_000, 200_000], {})).toEqual({ pages: 2000, rounds: 3 });
});

test('a smoke run (--records 2000) scales the crawl down with the records: one round, seconds not minutes', () => {
  expect(crawlScale([2000], {})).toEqual({ pages: 100, rounds: 1 });
  expect(crawlScale([100], {})).toEqual({ pages: 50, rounds: 1 });
  expect(crawlScale([49_999], {})).toEqual({ pages: 2000, rounds: 1 });
});

test('--crawl-pages and --crawl-rounds, when given, win', () => {
  expect(crawlScale([2000], { pages: 500 })).toEqual({ pages: 500, rounds: 1 });
  expect(crawlScale([2000], { pages: 500, rounds: 2 })).toEqual({ pages: 500, rounds: 2 });
  expect(crawlScale([200_000], { rounds: 1 })).toEqual({ pages: 2000, rounds: 1 });
});
