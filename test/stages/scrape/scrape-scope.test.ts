import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { scrape, type ScrapedPage } from '../../../src/stages/scrape/index.js';
import { runStage } from '../../helpers/run-stage.js';
import { startSiteServer, type SiteServer } from '../../helpers/site-server.js';

let site: SiteServer;
beforeEach(async () => void (site = await startSiteServer()));
afterEach(() => site.close());

const cache = () => mkdtempSync(join(tmpdir(), 'tuneset-scope-'));
const crawl = (extra: Record<string, unknown>, cacheDir = cache()) =>
  runStage<never, ScrapedPage>(scrape({ startUrls: [site.url('/')], requestsPerSecond: 1000, ...extra }), [], { cacheDir });
const paths = (ids: readonly string[]) => ids.map((id) => id.slice(site.origin.length)).sort();
const pageLog = () => site.log.filter((r) => r.path.endsWith('.html') || r.path === '/');

test('exclude globs keep matching URLs out of the crawl: never requested, not records', async () => {
  const run = await crawl({ exclude: [`${site.origin}/reference/**`, `${site.origin}/guide/t*.html`] });
  expect(paths(run.out.map((i) => i.id)).filter((p) => p.startsWith('/reference') || p.includes('troubleshooting'))).toEqual([]);
  expect(site.log.filter((r) => r.path.startsWith('/reference') || r.path.includes('troubleshooting'))).toEqual([]);
});

test('maxDepth 1 takes the start page and the pages it links to, and nothing further', async () => {
  const run = await crawl({ maxDepth: 1 });
  expect(run.out.every((i) => (i.meta['depth'] as number) <= 1)).toBe(true);
  // The redirect, the loop and the 404 are only linked from depth-2 pages.
  expect(site.requests('/loop/a')).toEqual([]);
});

test('maxPages caps the requests and the report says the crawl was cut short', async () => {
  const run = await crawl({ maxPages: 3, concurrency: 1 });
  expect(run.out.length + run.drops.filter((d) => d.code !== 'robots_disallowed').length).toBe(3);
  expect(pageLog()).toHaveLength(3);
  expect(run.report).toMatchObject({ truncatedAtMaxPages: true });
});

test('requests to one host are paced at requestsPerSecond, and a 429 waits for its Retry-After', async () => {
  const run = await crawl({ requestsPerSecond: 20, concurrency: 4, startUrls: [site.url('/busy.html')], maxDepth: 0 });
  expect(run.out.map((i) => i.id)).toEqual([site.url('/busy.html')]);
  const [first, retry] = site.requests('/busy.html');
  expect([first?.status, retry?.status]).toEqual([429, 200]);
  // Retry-After: 1
  expect(retry!.at - first!.at).toBeGreaterThanOrEqual(990);

  site.resetLog();
  await crawl({ requestsPerSecond: 20, concurrency: 4, maxDepth: 1 });
  // 50 ms apart at 20 per second. Arrival times carry network jitter, so the whole span is checked
  // (at one moment each, 12 requests would take a few milliseconds).
  const starts = pageLog().map((r) => r.at);
  expect(starts.length).toBeGreaterThan(8);
  expect(starts.at(-1)! - starts[0]!).toBeGreaterThanOrEqual((starts.length - 1) * 50 - 25);
});

test('a page no longer linked from anywhere is removed as unreachable on the next run', async () => {
  const dir = cache();
  await crawl({ sitemaps: true }, dir);
  site.setPage('sitemap.xml', site.page('sitemap.xml').replace(/<url><loc>[^<]*orphan[^<]*<\/loc>.*?<\/url>/, ''));
  const second = await crawl({ sitemaps: true }, dir);
  expect(second.report).toMatchObject({ removed: [{ url: site.url('/guide/orphan.html'), reason: 'unreachable' }], new: 0, changed: 0 });
});

test('a start URL that is not http(s) is refused, naming it', async () => {
  await expect(runStage(scrape({}), [], { inputs: ['ftp://example.test/'], cacheDir: cache() })).rejects.toThrow('scrape: input "ftp://example.test/" is not an http(s) URL to start crawling from');
  await expect(runStage(scrape({}), [], { cacheDir: cache() })).rejects.toThrow('no start URL to crawl; give one with --input URL');
});

test('options are checked when the pipeline is loaded, naming the option', () => {
  expect(() => scrape({ selectors: { content: ['main['] } })).toThrow(/selectors\.content\.0.*not a valid CSS selector: "main\["/);
  expect(() => scrape({ render: 'headless' as 'static' })).toThrow(/render/);
});

test('an unreachable robots.txt disallows the site (RFC 9309), and the drop says it was an error, not a rule', async () => {
  const closed = await startSiteServer();
  await closed.close();
  const run = await runStage(scrape({ startUrls: [closed.url('/')], requestsPerSecond: 1000 }), [], { cacheDir: cache() });
  expect(run.drops).toEqual([
    expect.objectContaining({ code: 'robots_disallowed', detail: expect.objectContaining({ reason: expect.stringContaining('robots.txt could not be fetched') }) }),
  ]);
});
