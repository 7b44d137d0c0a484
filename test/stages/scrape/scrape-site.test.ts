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

// The stage as users get it, but with the rate limit lifted for a local server and sitemaps on.
const crawl = (cacheDir: string, extra: Record<string, unknown> = {}) =>
  runStage<never, ScrapedPage>(scrape({ startUrls: [site.url('/')], sitemaps: true, requestsPerSecond: 1000, userAgent: 'tuneset-test/1.0', ...extra }), [], { cacheDir });

const paths = (ids: readonly string[]) => ids.map((id) => id.slice(site.origin.length)).sort();

const ALLOWED_PAGES = [
  '/',
  '/busy.html',
  '/flaky.html',
  '/guide/consumers.html',
  '/guide/getting-started.html',
  '/guide/install.html',
  '/guide/orphan.html',
  '/guide/retries.html',
  '/guide/troubleshooting.html',
  '/reference',
  '/reference/config.html',
  '/reference/queue.html',
];

test('a static crawl of the fixture site yields every allowed reachable page once, and names every failure', async () => {
  const run = await crawl(mkdtempSync(join(tmpdir(), 'tuneset-scrape-')));

  expect(paths(run.out.map((i) => i.id))).toEqual(ALLOWED_PAGES);
  const drops = Object.fromEntries(run.drops.map((d) => [d.id.slice(site.origin.length), d.code]));
  expect(drops).toMatchObject({
    '/private/secret.html': 'robots_disallowed',
    '/missing.html': 'not_found',
    '/loop/a': 'redirect_loop',
    '/big.html': 'page_too_large',
    // Its text only exists after JavaScript runs: a static crawl finds nothing in it.
    '/app.html': 'empty_page',
  });
  // The old URL redirects to a page also linked directly: one of the two is the page, the other a duplicate.
  expect(run.drops.filter((d) => d.code === 'duplicate_url')).toHaveLength(1);
  expect(run.counters.in).toBe(run.out.length + run.drops.length);

  // Robots-disallowed pages are never requested; the 500 and the 429 are tried again and recover.
  expect(site.log.filter((r) => r.path.startsWith('/private/'))).toEqual([]);
  expect(site.requests('/flaky.html').map((r) => r.status)).toEqual([500, 200]);
  expect(site.requests('/busy.html').map((r) => r.status)).toEqual([429, 200]);
  // One page is one request, whatever URL variants link to it.
  const pageRequests = site.log.filter((r) => r.path.startsWith('/guide/install.html'));
  expect(pageRequests).toHaveLength(1);
  expect(new Set(site.log.map((r) => r.headers['user-agent']))).toEqual(new Set(['tuneset-test/1.0']));
});

test('every page carries its provenance and clean text', async () => {
  const run = await crawl(mkdtempSync(join(tmpdir(), 'tuneset-scrape-')));
  const install = run.out.find((i) => i.id === site.url('/guide/install.html'))!;
  expect(install.source).toMatchObject({
    uri: site.url('/guide/install.html'),
    finalUrl: expect.stringContaining('/guide/install.html'),
    fetchedAt: '2026-11-23T12:00:00.000Z',
    status: 200,
    etag: expect.stringMatching(/^"/),
    lastModified: expect.stringMatching(/GMT$/),
    contentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    robots: 'allowed',
    render: 'static',
  });
  expect(install.meta).toMatchObject({ change: 'new', lang: 'en' });
  expect(install.data.title).not.toBe('');
  // Navigation, footer and the cookie banner are not content.
  for (const page of run.out) expect(page.data.text).not.toMatch(/cookie/i);
  expect(run.report).toMatchObject({ pages: ALLOWED_PAGES.length, new: ALLOWED_PAGES.length, same: 0, changed: 0, robotsDisallowed: 1 });
});

test('robots: false requests what robots.txt disallows, and says so in the provenance', async () => {
  const run = await crawl(mkdtempSync(join(tmpdir(), 'tuneset-scrape-')), { robots: false });
  const secret = run.out.find((i) => i.id === site.url('/private/secret.html'));
  expect(secret?.source.robots).toBe('ignored');
});

test('a second run marks exactly the changed, removed and added pages, and unchanged pages answer 304', async () => {
  const cacheDir = mkdtempSync(join(tmpdir(), 'tuneset-scrape-'));
  await crawl(cacheDir);
  site.setPage('guide/retries.html', site.page('guide/retries.html').replace('</main>', '<p>A new paragraph about jitter.</p></main>'));
  site.removePage('guide/orphan.html');
  site.setPage('guide/added.html', '<html lang="en"><head><title>Added</title></head><body><main><h1>Added</h1><p>A page that appeared after the first crawl.</p></main></body></html>');
  site.setPage('sitemap.xml', site.page('sitemap.xml').replace('</urlset>', '<url><loc>{{origin}}/guide/added.html</loc></url></urlset>'));
  site.resetLog();

  const second = await crawl(cacheDir);
  const marks = Object.fromEntries(second.out.map((i) => [i.id.slice(site.origin.length), i.meta['change']]));
  expect(Object.entries(marks).filter(([, m]) => m !== 'same')).toEqual(
    expect.arrayContaining([
      ['/guide/retries.html', 'changed'],
      ['/guide/added.html', 'new'],
    ]),
  );
  expect(Object.values(marks).filter((m) => m !== 'same')).toHaveLength(2);
  expect(second.report).toMatchObject({ changed: 1, new: 1, removed: [{ url: site.url('/guide/orphan.html'), reason: 'gone' }] });
  expect(second.drops.find((d) => d.id === site.url('/guide/orphan.html'))).toMatchObject({ code: 'not_found', detail: { change: 'removed' } });

  // Unchanged pages: a conditional request, a 304, and no extraction (only the changed and the new page are extracted).
  const unchanged = second.out.filter((i) => i.meta['change'] === 'same');
  for (const page of unchanged) {
    const path = new URL(page.source.uri).pathname;
    // Requested as linked (`/reference/`), keyed without the trailing slash (`/reference`).
    const requests = site.log.filter((r) => r.path.split('?')[0]!.replace(/(.)\/$/, '$1') === path);
    expect(requests.map((r) => r.status), path).toContain(304);
  }
  expect(second.report).toMatchObject({ extracted: 2, notModified: unchanged.length });
});
