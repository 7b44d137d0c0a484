import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { stderrLogger } from '../../../src/pipeline/logger.js';
import { scrape, type ScrapedPage } from '../../../src/stages/scrape/index.js';
import { readSitemapUrls, type FetchText } from '../../../src/stages/scrape/sitemap.js';
import { runStage } from '../../helpers/run-stage.js';
import { startSiteServer, type SiteServer } from '../../helpers/site-server.js';

const urlset = (...locs: string[]) => `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${locs.map((l) => `<url><loc>${l}</loc></url>`).join('')}</urlset>`;
const fromMap =
  (answers: Record<string, { status: number; body: string } | Error>): FetchText =>
  async (url) => {
    const answer = answers[url];
    if (answer === undefined) return { status: 404, body: '' };
    if (answer instanceof Error) throw answer;
    return answer;
  };

test('sitemaps that cannot be fetched or parsed are reported with the reason; the readable ones still count', async () => {
  const fetchText = fromMap({
    'https://a.test/index.xml': { status: 200, body: '<sitemapindex><sitemap><loc>https://a.test/s1.xml</loc></sitemap><sitemap><loc>https://a.test/s2.xml</loc></sitemap><sitemap><loc>https://a.test/s3.xml</loc></sitemap></sitemapindex>' },
    'https://a.test/s1.xml': { status: 200, body: urlset('https://a.test/one', 'https://a.test/two?a=1&amp;b=2') },
    'https://a.test/s2.xml': new Error('connect ECONNREFUSED 127.0.0.1:9'),
    'https://a.test/s3.xml': { status: 200, body: '<html><body>Not found</body></html>' },
    'https://a.test/busy.xml': { status: 503, body: '' },
  });
  expect(await readSitemapUrls(['https://a.test/index.xml', 'https://a.test/busy.xml'], fetchText)).toEqual({
    pages: ['https://a.test/one', 'https://a.test/two?a=1&b=2'],
    errors: [
      { url: 'https://a.test/busy.xml', reason: 'could not be fetched: HTTP 503' },
      { url: 'https://a.test/s2.xml', reason: 'could not be fetched: connect ECONNREFUSED 127.0.0.1:9' },
      { url: 'https://a.test/s3.xml', reason: 'could not be parsed: neither a <urlset> nor a <sitemapindex> document' },
    ],
  });
});

test('sitemaps past the cap of 50 are reported as not read', async () => {
  const children = Array.from({ length: 60 }, (_, i) => `https://a.test/s${i}.xml`);
  const answers: Record<string, { status: number; body: string }> = {
    'https://a.test/index.xml': { status: 200, body: `<sitemapindex>${children.map((c) => `<sitemap><loc>${c}</loc></sitemap>`).join('')}</sitemapindex>` },
  };
  for (const c of children) answers[c] = { status: 200, body: urlset(`${c}.page`) };
  const { pages, errors } = await readSitemapUrls(['https://a.test/index.xml'], fromMap(answers));
  expect(pages).toHaveLength(49);
  expect(errors).toEqual([{ url: 'https://a.test/s49.xml', reason: 'not read: at most 50 sitemaps are read, and 11 more were listed' }]);
});

let site: SiteServer;
beforeEach(async () => void (site = await startSiteServer()));
afterEach(() => site.close());

// The first crawl in a process starts Crawlee, which takes seconds on a loaded machine.
const crawl = async () => {
  const warnings: string[] = [];
  const log = stderrLogger('scrape', (line) => void (line.startsWith('warn: ') && warnings.push(line)));
  const run = await runStage<never, ScrapedPage>(scrape({ startUrls: [site.url('/')], sitemaps: true, requestsPerSecond: 1000, maxDepth: 0 }), [], {
    cacheDir: mkdtempSync(join(tmpdir(), 'tuneset-sitemap-')),
    log,
  });
  return { run, warnings };
};

test('a sitemap the site cannot serve is in reports.scrape.sitemapErrors and logged as a warning', { timeout: 60_000 }, async () => {
  site.removePage('sitemap.xml');
  const { run, warnings } = await crawl();
  const error = { url: site.url('/sitemap.xml'), reason: 'could not be fetched: HTTP 404' };
  expect(run.report).toMatchObject({ sitemapErrors: [error] });
  expect(warnings).toEqual([`warn: [scrape] a sitemap was not read; pages only it lists are not crawled ${JSON.stringify(error)}\n`]);
  // The crawl goes on from the start URL (depth 0 here), without the pages the sitemap lists.
  expect(run.out.map((i) => i.id)).toEqual([site.url('/')]);
});

test('a sitemap that is not sitemap XML is reported as not parsed; a good one reports no errors', { timeout: 60_000 }, async () => {
  const good = await crawl();
  expect(good.run.report).toMatchObject({ sitemapErrors: [] });
  expect(good.warnings).toEqual([]);
  expect(good.run.out.map((i) => i.id)).toContain(site.url('/guide/orphan.html'));
  site.setPage('sitemap.xml', '<html><body>Sitemap moved</body></html>');
  const { run } = await crawl();
  expect(run.report).toMatchObject({ sitemapErrors: [{ url: site.url('/sitemap.xml'), reason: 'could not be parsed: neither a <urlset> nor a <sitemapindex> document' }] });
});
