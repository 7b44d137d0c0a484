import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { main } from '../../src/cli/cli.js';
import { answerKeyFromChatJsonl, startFakeOpenAI, type FakeOpenAI } from '../../src/providers/fake/index.js';
import { SECTIONS } from '../../src/report/build-report.js';
import { requireChromium, withBrowserPage } from '../helpers/browser-page.js';
import { captureIo } from '../helpers/capture-io.js';
import { startSiteServer, type SiteServer } from '../helpers/site-server.js';

// The acceptance: report.html of a crawled and trained run opens in chromium with no console
// error and no network request, with its sections and charts; the screenshot is kept for a look.
// CI sets TUNESET_REQUIRE_BROWSER=1: there a missing browser fails instead of skipping.
const chromium = requireChromium();
const SCREENSHOT = join(import.meta.dirname, '..', '..', 'output', 'test-artifacts', 'report.png');
/** Web text that would run a script if the page ever parsed it as markup. */
const PLANTED = `</script><img src=x onerror="document.title='pwned'">`;
const PLANTED_HTML = PLANTED.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const tuneset = async (now: string, env: NodeJS.ProcessEnv, ...argv: string[]) => {
  const c = captureIo(now);
  const code = await main(argv, { ...c.io, env });
  return { code, stdout: c.stdout(), stderr: c.stderr() };
};

describe.skipIf(!chromium.available)(chromium.title('report.html in chromium'), () => {
  let site: SiteServer;
  let fake: FakeOpenAI | undefined;
  // docs-qa's split is stable (a hash of each page URL, port included): some ports put no page in
  // validation, which eval reads; this one puts three there.
  beforeAll(async () => void (site = await startSiteServer({ port: 47832 })));
  afterAll(async () => {
    await site.close();
    await fake?.close();
  });

  test('a crawled, re-crawled, trained and evaluated run: every section and chart, no console error, no request; search filters the sample', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'tuneset-report-browser-'));
    const cache = join(parent, 'cache');
    site.setPage(
      'guide/retries.html',
      site.page('guide/retries.html').replace('</main>', `<h2>Can a message hold markup?</h2><p>Yes: a body such as ${PLANTED_HTML} is delivered byte for byte, never parsed, to every consumer.</p></main>`),
    );
    const crawl = (now: string, out: string) =>
      tuneset(now, {}, 'run', 'pipelines/docs-qa.ts', '--input', site.url('/'), '--out', join(parent, out), '--cache', cache, '--param', 'rps=1000', '--param', 'render=static');
    expect((await crawl('2026-11-23T12:00:00Z', 'run-1')).code).toBe(0);
    // Between the crawls: a section's text edited, the orphan page deleted.
    site.setPage('reference/config.html', site.page('reference/config.html').replace('Pelican Queue ships two stores.', 'Pelican Queue ships two stores, chosen per queue.'));
    site.removePage('guide/orphan.html');
    const dir = join(parent, 'run-2');
    const second = await crawl('2026-11-24T12:00:00Z', 'run-2');
    expect(second.code).toBe(0);
    expect(second.stdout).toContain(`Report:        ${join(dir, 'report.html')}\n`);

    // train, watch and eval each rebuild the report: nothing else is run before it is opened.
    const NOW = '2026-11-24T13:00:00Z';
    fake = await startFakeOpenAI({ now: NOW, answerKey: answerKeyFromChatJsonl(readFileSync(join(dir, 'validation.jsonl'), 'utf8')) });
    const env = { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: fake.baseURL };
    expect((await tuneset(NOW, env, 'train', dir)).code).toBe(0);
    fake.clock.advance(600);
    const watch = await tuneset(NOW, env, 'watch', dir, '--interval', '0');
    expect(watch).toMatchObject({ code: 0, stderr: '' });
    const model = /^Fine-tuned model: (\S+)$/m.exec(watch.stdout)![1]!;
    expect(await tuneset(NOW, env, 'eval', dir, '--model', model, '--scorer', 'exact')).toMatchObject({ code: 0, stderr: '' });

    await withBrowserPage({ width: 1200, height: 900 }, async ({ page, errors, requests, open }) => {
      const url = await open(join(dir, 'report.html'));

      expect(errors).toEqual([]);
      // The page itself and nothing else: no font, image, script or stylesheet is fetched.
      expect(requests).toEqual([url]);
      for (const [id] of SECTIONS) await expect(page.locator(`section#${id} h2`).count(), id).resolves.toBe(1);
      // Charts are SVG with content.
      const count = (selector: string) => page.locator(selector).count();
      expect(await count('#flow svg.chart g.stage')).toBe(8);
      expect(await count('#flow svg.chart rect.dropped')).toBe(1);
      expect(await count('#tokens svg.chart rect.bin')).toBeGreaterThan(5);
      expect(await count('#labels svg.chart rect.bar')).toBeGreaterThan(2);
      expect(await count('#training svg g.panel polyline.smoothed')).toBe(4);
      expect(await page.locator('#eval table.eval tbody tr').count()).toBe(1);
      // suite, scorer, model: the fine-tuned model's row of the held-out split.
      expect(await page.locator('#eval table.eval tbody td').nth(2).textContent()).toBe(model);
      // The re-crawl's marks, its removed page and the diff against run 1.
      expect(await page.locator('#provenance .crawl-counts').textContent()).toMatch(/^11 pages: 0 new, 10 same, 1 changed, 1 removed since the last crawl/);
      expect(await page.locator('#provenance table').last().locator('tr', { hasText: '/reference/config.html' }).locator('.mark-changed').textContent()).toBe('changed');
      expect(await page.locator('#provenance table.removed tbody tr').allTextContents()).toEqual([`${site.url('/guide/orphan.html')}gone (404/410)`]);
      expect(await page.locator('#diff .diff-counts').textContent()).toMatch(/^0 added, \d+ removed, 1 changed, \d+ unchanged/);

      // Search: the planted text finds its one example, shown as text; no element was made of it.
      const shown = () => page.locator('#sample-list details.example').count();
      const sampled = JSON.parse((await page.locator('#sample-data').textContent())!) as unknown[];
      expect(await shown()).toBe(Math.min(50, sampled.length));
      await page.fill('#sample-search', 'onerror');
      expect(await shown()).toBe(1);
      expect(await page.locator('#sample-count').textContent()).toBe(`1 of ${sampled.length} sampled examples match`);
      const example = page.locator('#sample-list details.example');
      await example.locator('summary').click();
      expect(await example.locator('pre.content').last().textContent()).toContain(PLANTED);
      await page.fill('#sample-search', 'no example has this text');
      expect(await shown()).toBe(0);
      await page.selectOption('#sample-split', 'validation');
      await page.fill('#sample-search', '');
      expect(await shown()).toBe((sampled as { split: string }[]).filter((e) => e.split === 'validation').length);
      expect(await page.evaluate(() => [document.images.length, document.title])).toEqual([0, 'docs-qa: run report']);
      expect(errors).toEqual([]);
      expect(requests).toEqual([url]);

      await page.selectOption('#sample-split', '');
      mkdirSync(join(SCREENSHOT, '..'), { recursive: true });
      await page.screenshot({ path: SCREENSHOT, fullPage: true });
    });
  }, 180_000);
});
