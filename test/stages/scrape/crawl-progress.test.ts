import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { ProgressMeter } from '../../../src/pipeline/progress-meter.js';
import type { Stage } from '../../../src/pipeline/stage.js';
import { crawlProgressText } from '../../../src/stages/scrape/crawl-progress.js';
import { emptySummary } from '../../../src/stages/scrape/crawl/crawl-summary.js';
import { scrape, type ScrapedPage } from '../../../src/stages/scrape/index.js';
import { manualClock } from '../../helpers/manual-clock.js';
import { runStage } from '../../helpers/run-stage.js';
import { startSiteServer, type SiteServer } from '../../helpers/site-server.js';

test('the crawl status: URLs done of the frontier known, pages, 304s, failures, rate and ETA', () => {
  const { clock, advance } = manualClock();
  const meter = new ProgressMeter(clock);
  const summary = { ...emptySummary(), pages: 0 };
  expect(crawlProgressText(summary, meter.update(0))).toBe('0 URLs done: 0 pages');
  advance(20_000);
  const later = { ...summary, pages: 118, notModified: 15, failed: 2 };
  expect(crawlProgressText(later, meter.update(120, 340))).toBe('120/340 URLs done: 118 pages (15 not modified), 2 failed, 6.0/s, ETA 37s');
  expect(crawlProgressText({ ...summary, pages: 1 }, { done: 1, total: 6 })).toBe('1/6 URLs done: 1 page');
  const capped = { ...later, truncatedAtMaxPages: true };
  expect(crawlProgressText(capped, meter.update(120, 1000))).toBe('120/1000 URLs done (maxPages reached): 118 pages (15 not modified), 2 failed, 6.0/s, ETA 2m27s');
});

let site: SiteServer;
beforeEach(async () => void (site = await startSiteServer()));
afterEach(() => site.close());

/** scrape as the runner gives it a status line, which this keeps. */
const withStatus = (stage: Stage<never, ScrapedPage>, statuses: string[]): Stage<never, ScrapedPage> => ({
  ...stage,
  run: (input, ctx) => stage.run(input, { ...ctx, status: (text) => void statuses.push(text) }),
});

test('a crawl sets its status as URLs finish: the last says every URL of the frontier is done, a re-crawl counts its 304s', async () => {
  const cacheDir = mkdtempSync(join(tmpdir(), 'tuneset-crawl-progress-'));
  const crawl = async () => {
    const statuses: string[] = [];
    const stage = scrape({ startUrls: [site.url('/')], sitemaps: true, requestsPerSecond: 1000, userAgent: 'tuneset-test/1.0' });
    const run = await runStage<never, ScrapedPage>(withStatus(stage, statuses), [], { cacheDir });
    return { run, statuses };
  };
  const first = await crawl();
  expect(first.statuses[0]).toBe('0 URLs done: 0 pages');
  const failed = first.run.drops.filter((d) => d.code !== 'robots_disallowed').length;
  const urls = first.run.out.length + failed;
  expect(first.statuses.at(-1)).toBe(`${urls}/${urls} URLs done: ${first.run.out.length} pages, ${failed} failed`);
  expect(first.statuses).toHaveLength(1 + first.run.out.length + first.run.drops.length);

  const second = await crawl();
  const notModified = (second.run.report as { notModified: number }).notModified;
  expect(notModified).toBeGreaterThan(0);
  expect(second.statuses.at(-1)).toBe(`${urls}/${urls} URLs done: ${second.run.out.length} pages (${notModified} not modified), ${failed} failed`);
});
