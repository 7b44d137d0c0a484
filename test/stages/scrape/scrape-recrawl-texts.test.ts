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

// Only the start URL and what the sitemaps list (depth 0), so each crawl is a handful of requests.
const crawl = (cacheDir: string) =>
  runStage<never, ScrapedPage>(scrape({ startUrls: [site.url('/')], sitemaps: true, maxDepth: 0, requestsPerSecond: 1000, userAgent: 'tuneset-test/1.0' }), [], { cacheDir });

const urlset = (paths: string[]) => `<?xml version="1.0"?>\n<urlset>${paths.map((p) => `<url><loc>{{origin}}${p}</loc></url>`).join('')}</urlset>\n`;
const texts = () => site.log.filter((r) => !r.path.endsWith('.html') && r.path !== '/').map((r) => `${r.status} ${r.path} ${r.headers['if-none-match'] ? 'conditional' : 'full'}`);

test('robots.txt, a sitemap index and its child sitemap are revalidated on a re-crawl; a changed one is read anew', async () => {
  site.setPage('sitemap.xml', '<?xml version="1.0"?>\n<sitemapindex><sitemap><loc>{{origin}}/maps/pages.xml</loc></sitemap></sitemapindex>\n');
  site.setPage('maps/pages.xml', urlset(['/guide/orphan.html']));
  const cacheDir = mkdtempSync(join(tmpdir(), 'tuneset-scrape-texts-'));
  await crawl(cacheDir);
  expect(texts()).toEqual(['200 /robots.txt full', '200 /sitemap.xml full', '200 /maps/pages.xml full']);

  site.resetLog();
  const second = await crawl(cacheDir);
  expect(texts()).toEqual(['304 /robots.txt conditional', '304 /sitemap.xml conditional', '304 /maps/pages.xml conditional']);
  // The orphan, listed only in the kept child sitemap, is still found.
  expect(second.out.map((i) => i.id.slice(site.origin.length)).sort()).toEqual(['/', '/guide/orphan.html']);

  // A changed child sitemap and robots.txt answer 200: their new content is what the crawl uses.
  site.setPage('maps/pages.xml', urlset(['/guide/orphan.html', '/guide/retries.html', '/guide/install.html']));
  site.setPage('robots.txt', 'User-agent: *\nDisallow: /guide/install.html\nSitemap: {{origin}}/sitemap.xml\n');
  site.resetLog();
  const third = await crawl(cacheDir);
  expect(texts()).toEqual(['200 /robots.txt conditional', '304 /sitemap.xml conditional', '200 /maps/pages.xml conditional']);
  expect(third.out.map((i) => i.id.slice(site.origin.length)).sort()).toEqual(['/', '/guide/orphan.html', '/guide/retries.html']);
  expect(third.drops.map((d) => [d.id.slice(site.origin.length), d.code])).toEqual([['/guide/install.html', 'robots_disallowed']]);

  // And the crawl after revalidates the new versions.
  site.resetLog();
  await crawl(cacheDir);
  expect(texts()).toEqual(['304 /robots.txt conditional', '304 /sitemap.xml conditional', '304 /maps/pages.xml conditional']);
});
