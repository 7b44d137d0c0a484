import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { BROWSER_HINT, findBrowser, scrape, type ScrapedPage } from '../../../src/stages/scrape/index.js';
import { requireOrSkip } from '../../helpers/require-or-skip.js';
import { runStage } from '../../helpers/run-stage.js';
import {
  DISALLOWED_ASSET,
  injectedLead,
  LOADING,
  OPTIONAL_ASSET_PATHS,
  RENDERED_PAGES,
  SHARED_ASSETS,
  startRenderedSite,
  VENDOR_LINE,
  type RenderedSite,
} from '../../helpers/site-rendered.js';

// Issue 12: a crawl of a site whose pages all need rendering requests each page once and each asset
// at most once; images, fonts and media are not fetched unless asked for. The server counts.
const browser = findBrowser();
const chromium = requireOrSkip({ what: 'chromium', missing: browser ? undefined : 'no chromium found', requireVar: 'TUNESET_REQUIRE_BROWSER', hint: BROWSER_HINT });
const UA = 'tuneset-render-test/1.0';

let site: RenderedSite;
beforeEach(async () => void (site = await startRenderedSite()));
afterEach(() => site.close());

const crawl = (cacheDir: string, extra: Record<string, unknown>) =>
  runStage<never, ScrapedPage>(scrape({ startUrls: [site.url('/')], requestsPerSecond: 1000, userAgent: UA, browserExecutable: browser, ...extra }), [], { cacheDir });

const topicOf = (path: string): string => (path === '/' ? 'index' : path.slice('/docs/'.length, -'.html'.length));
const byPath = (out: { id: string; data: ScrapedPage }[]) => Object.fromEntries(out.map((i) => [new URL(i.id).pathname, i.data.text]));
const counts = (paths: readonly string[]) => Object.fromEntries(paths.map((p) => [p, site.count(p)]));
const once = (paths: readonly string[]) => Object.fromEntries(paths.map((p) => [p, 1]));
const never = (paths: readonly string[]) => Object.fromEntries(paths.map((p) => [p, 0]));

describe.skipIf(!chromium.available)(chromium.title('every page needs rendering'), () => {
  describe.each(['auto', 'browser'] as const)("render '%s'", (render) => {
    test('each page is requested once, each shared asset once, images, fonts and media never; a re-crawl gets 304s and the same text', async () => {
      const cacheDir = mkdtempSync(join(tmpdir(), 'tuneset-render-once-'));
      const first = await crawl(cacheDir, { render });

      const texts = byPath(first.out);
      expect(Object.keys(texts).sort()).toEqual([...RENDERED_PAGES].sort());
      for (const path of RENDERED_PAGES) {
        // Written by app.js from strings.json (a fetch) and by vendor.js: only a render has them.
        expect(texts[path], path).toContain(injectedLead(topicOf(path)));
        expect(texts[path], path).toContain(VENDOR_LINE);
      }
      expect(first.out.map((i) => i.source.render)).toEqual(RENDERED_PAGES.map(() => 'browser'));
      expect(first.drops).toEqual([]);

      expect(counts(RENDERED_PAGES)).toEqual(once(RENDERED_PAGES));
      expect(counts(SHARED_ASSETS)).toEqual(once(SHARED_ASSETS));
      const optional = Object.values(OPTIONAL_ASSET_PATHS);
      expect(counts([...optional, DISALLOWED_ASSET])).toEqual(never([...optional, DISALLOWED_ASSET]));
      expect(site.count('/robots.txt')).toBe(1);
      expect(new Set(site.log.map((r) => r.userAgent))).toEqual(new Set([UA]));
      // 6 pages x 5 scripts, styles and fetches: 4 fetched, 1 refused by robots.txt, the other 25 shared;
      // every page's image, font and video aborted (18 at least: chromium may ask again).
      const assets = (first.report as { assets: Record<string, number> }).assets;
      expect({ ...assets, skipped: undefined }).toEqual({ fetched: 4, shared: 25, disallowed: 1, failed: 0, evicted: 0, skipped: undefined });
      expect(assets['skipped']).toBeGreaterThanOrEqual(18);

      site.log.length = 0;
      const again = await crawl(cacheDir, { render });
      expect(byPath(again.out)).toEqual(texts);
      const marks = again.out.map((i) => `${new URL(i.id).pathname} ${String(i.meta['change'])} ${i.source.render}`);
      expect(marks.sort()).toEqual(RENDERED_PAGES.map((p) => `${p} same browser`).sort());
      // Conditional requests only, each page once, and nothing rendered: no asset is asked for.
      expect(site.log.filter((r) => r.path !== '/robots.txt').map((r) => [r.path, r.status, r.ifNoneMatch !== undefined])).toEqual(
        expect.arrayContaining(RENDERED_PAGES.map((p) => [p, 304, true])),
      );
      expect(site.log.filter((r) => r.path !== '/robots.txt')).toHaveLength(RENDERED_PAGES.length);
    }, 120_000);
  });

  test("after a static crawl on the same cache, 'browser' and 'auto' render what it kept unrendered", async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'tuneset-render-switch-'));
    const flat = await crawl(cacheDir, { render: 'static' });
    expect(Object.values(byPath(flat.out))).toEqual(RENDERED_PAGES.map(() => LOADING));
    site.log.length = 0;
    // 'browser' takes no static extraction: asked unconditionally, rendered.
    const rendered = await crawl(cacheDir, { render: 'browser' });
    expect(Object.keys(byPath(rendered.out)).sort()).toEqual([...RENDERED_PAGES].sort());
    for (const [path, text] of Object.entries(byPath(rendered.out))) expect(text, path).toContain(injectedLead(topicOf(path)));
    expect(site.log.filter((r) => RENDERED_PAGES.includes(r.path)).map((r) => [r.status, r.ifNoneMatch])).toEqual(RENDERED_PAGES.map(() => [200, undefined]));

    // 'auto' on a server that never answers 304: the same bytes again, whose cached static text is too short.
    const plain = await startRenderedSite({ validators: false });
    try {
      const plainCache = mkdtempSync(join(tmpdir(), 'tuneset-render-switch-'));
      const options = { startUrls: [plain.url('/')], requestsPerSecond: 1000, userAgent: UA, browserExecutable: browser };
      await runStage<never, ScrapedPage>(scrape({ ...options, render: 'static' }), [], { cacheDir: plainCache });
      const auto = await runStage<never, ScrapedPage>(scrape({ ...options, render: 'auto' }), [], { cacheDir: plainCache });
      const texts = byPath(auto.out);
      expect(Object.keys(texts).sort()).toEqual([...RENDERED_PAGES].sort());
      for (const path of RENDERED_PAGES) expect(texts[path], path).toContain(injectedLead(topicOf(path)));
    } finally {
      await plain.close();
    }
  }, 180_000);

  test("fetchAssets ['image', 'font', 'media'] lets a render fetch them, once per crawl", async () => {
    const run = await crawl(mkdtempSync(join(tmpdir(), 'tuneset-render-assets-')), { render: 'browser', fetchAssets: ['image', 'font', 'media'] });
    expect(run.out).toHaveLength(RENDERED_PAGES.length);
    const optional = Object.values(OPTIONAL_ASSET_PATHS);
    expect(counts([...RENDERED_PAGES, ...SHARED_ASSETS, ...optional])).toEqual(once([...RENDERED_PAGES, ...SHARED_ASSETS, ...optional]));
    expect(site.count(DISALLOWED_ASSET)).toBe(0);
  }, 120_000);
});
