import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import docsQa from '../../pipelines/docs-qa.js';
import { fixedClock } from '../../src/pipeline/clock.js';
import { runPipeline } from '../../src/pipeline/runner.js';
import { startSiteServer, type SiteServer } from '../helpers/site-server.js';

// An unchanged re-run of docs-qa against the fixture site: everything the first run got with a
// validator is asked for conditionally (robots.txt, sitemap.xml, every page), every page answers
// 304, and the dataset comes out byte for byte the same.
// docs-qa's split is stable (each page placed by a hash of its URL, port included), and with 12 pages
// some ports put none in validation, which writes no validation.jsonl: a fixed port whose split has one.
let site: SiteServer;
beforeAll(async () => void (site = await startSiteServer({ port: 47842 })));
afterAll(() => site.close());

test('an unchanged re-run sends only conditional requests and writes the same files', async () => {
  const root = mkdtempSync(join(tmpdir(), 'tuneset-docs-qa-rerun-'));
  const run = (name: string) =>
    runPipeline(docsQa, {
      inputs: [site.url('/')],
      outDir: join(root, name),
      cacheDir: join(root, 'cache'),
      clock: fixedClock('2026-11-23T12:00:00Z'),
      params: { rps: '1000', render: 'static', concurrency: '1' },
    });
  await run('first');
  const first = [...site.log];
  site.resetLog();
  const { manifest } = await run('second');

  const conditional = (r: { headers: Record<string, string | undefined> }) => r.headers['if-none-match'] !== undefined || r.headers['if-modified-since'] !== undefined;
  const pages = ['/', '/guide/getting-started.html', '/guide/install.html', '/guide/orphan.html', '/reference/', '/reference/queue.html', '/guide/consumers.html',
    '/guide/retries.html', '/guide/troubleshooting.html', '/flaky.html', '/busy.html', '/reference/config.html'];
  // The first run got every page in full (flaky and busy after their one failure).
  expect(first.filter((r) => conditional(r))).toEqual([]);
  // robots.txt, the sitemap and every page: asked conditionally, answered 304, in crawl order.
  expect(site.log.filter((r) => conditional(r)).map((r) => `${r.status} ${r.path}`)).toEqual(['304 /robots.txt', '304 /sitemap.xml', ...pages.map((p) => `304 ${p}`)]);
  // The only unconditional requests go to what gave no page the first time, so has no validator to send:
  // the page with no static text, the redirect to a page already crawled, the 404, the loop, the oversized page.
  expect(site.log.filter((r) => !conditional(r)).map((r) => `${r.status} ${r.path}`).sort()).toEqual(
    ['200 /app.html', '301 /old/getting-started', '200 /guide/getting-started.html', '404 /missing.html', '302 /loop/a', '302 /loop/b', '200 /big.html'].sort(),
  );
  const scrape = manifest.reports['scrape'] as { pages: number; notModified: number; extracted: number; same: number };
  expect({ pages: scrape.pages, notModified: scrape.notModified, same: scrape.same }).toEqual({ pages: 12, notModified: 12, same: 12 });
  for (const f of ['train.jsonl', 'validation.jsonl']) expect(readFileSync(join(root, 'second', f), 'utf8'), f).toBe(readFileSync(join(root, 'first', f), 'utf8'));
}, 60_000);
