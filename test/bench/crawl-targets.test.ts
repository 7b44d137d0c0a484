import { describe, expect, it } from 'vitest';
import { evaluateCrawl, type CrawlBenchResult } from '../../bench/crawl.js';

const crawl = (pages: number, peakRssMB: number) => ({ mode: 'stage' as const, pages, wallMs: 1000, peakRssMB, pagesPerSec: pages, rssKiBPerPage: (peakRssMB * 1024) / pages });

const result = (pages: number, stageRss: number, recrawlRss: number): CrawlBenchResult => ({
  pages,
  concurrency: 10,
  ratio: 0.8,
  rounds: [{ bare: crawl(pages, 200), crawleeDefaults: crawl(pages, 300), stage: crawl(pages, stageRss), recrawl: crawl(pages, recrawlRss), ratio: 0.8 }],
});

describe('crawl targets', () => {
  it('judges the stage crawl RSS from 20,000 pages by the larger of the first crawl and the re-crawl', () => {
    const rss = (r: CrawlBenchResult) => evaluateCrawl(r).find((v) => v.target.includes('peak RSS'))!;
    expect(rss(result(20_000, 600, 900))).toMatchObject({ verdict: 'PASS', value: expect.stringContaining('900.0 MiB (46.1 KiB/page') });
    expect(rss(result(20_000, 1100, 900))).toMatchObject({ verdict: 'MISS' });
    expect(rss(result(100, 1100, 900))).toMatchObject({ verdict: 'n/a' });
  });

  it('a crashed crawl is a MISS, not a pass by absence', () => {
    expect(evaluateCrawl({ pages: 100, concurrency: 10, rounds: [], ratio: null, error: 'boom' })).toEqual([{ target: 'crawl benchmark', value: 'crashed: boom', verdict: 'MISS' }]);
  });
});
