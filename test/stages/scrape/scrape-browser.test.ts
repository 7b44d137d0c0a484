import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BROWSER_HINT, findBrowser, scrape, type ScrapedPage } from '../../../src/stages/scrape/index.js';
import { requireOrSkip } from '../../helpers/require-or-skip.js';
import { runStage } from '../../helpers/run-stage.js';
import { startSiteServer, type SiteServer } from '../../helpers/site-server.js';

// Browser tests run where a chromium is found and are skipped, saying how to get one, where not.
// CI sets TUNESET_REQUIRE_BROWSER=1: there a missing browser is a failure, not a skip.
const browser = findBrowser();
const chromium = requireOrSkip({ what: 'chromium', missing: browser ? undefined : 'no chromium found', requireVar: 'TUNESET_REQUIRE_BROWSER', hint: BROWSER_HINT });
const RENDERED = 'This paragraph was rendered by JavaScript.';

describe.skipIf(!chromium.available)(chromium.title('rendering in chromium'), () => {
  let site: SiteServer;
  beforeAll(async () => void (site = await startSiteServer()));
  afterAll(() => site.close());

  const crawl = (extra: Record<string, unknown>) =>
    runStage<never, ScrapedPage>(scrape({ startUrls: [site.url('/')], requestsPerSecond: 1000, browserExecutable: browser, ...extra }), [], {
      cacheDir: mkdtempSync(join(tmpdir(), 'tuneset-browser-')),
    });

  test("render 'auto' renders only the page whose text needs JavaScript", async () => {
    const run = await crawl({ render: 'auto' });
    const app = run.out.find((i) => i.id === site.url('/app.html'));
    expect(app?.data.text).toContain(RENDERED);
    expect(app?.source.render).toBe('browser');
    expect(run.out.filter((i) => i.source.render === 'browser').map((i) => i.id)).toEqual([site.url('/app.html')]);
    expect(run.drops.map((d) => d.code)).not.toContain('empty_page');
  }, 60_000);

  test("render 'browser' renders every page in chromium, with our User-Agent", async () => {
    site.resetLog();
    const run = await crawl({ render: 'browser', startUrls: [site.url('/app.html')], maxDepth: 0, userAgent: 'tuneset-browser-test/1.0' });
    expect(run.out.map((i) => [i.id, i.source.render])).toEqual([[site.url('/app.html'), 'browser']]);
    expect(run.out[0]!.data.text).toContain(RENDERED);
    expect(site.requests('/app.html')[0]?.headers['user-agent']).toBe('tuneset-browser-test/1.0');
  }, 60_000);
});
