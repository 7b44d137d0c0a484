import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { stderrLogger } from '../../../../src/pipeline/logger.js';
import { EXTRACTION_VERSION } from '../../../../src/stages/scrape/extract/index.js';
import { scrape, type ScrapedPage } from '../../../../src/stages/scrape/index.js';
import { CrawlState, type CrawlRecord } from '../../../../src/stages/scrape/state/crawl-state.js';
import { runStage } from '../../../helpers/run-stage.js';
import { startSiteServer } from '../../../helpers/site-server.js';

const rec = (path: string): CrawlRecord => ({ url: `https://a.test/${path}`, outcome: 'failed', depth: 0, fetchedAt: '2026-11-23T12:00:00.000Z', robots: 'allowed', code: 'not_found' });
const line = (r: CrawlRecord) => `${JSON.stringify(r)}\n`;
const stateDir = () => mkdtempSync(join(tmpdir(), 'tuneset-crawl-state-'));

test('a journal whose last line a kill cut short resumes the whole lines, counts the torn one, and appends on a fresh line', () => {
  const dir = stateDir();
  const journal = join(dir, 'journal.jsonl');
  writeFileSync(journal, line(rec('a')) + line(rec('b')) + line(rec('c')).slice(0, 30));
  const state = new CrawlState(dir);
  expect([...state.resumed.keys()]).toEqual(['https://a.test/a', 'https://a.test/b']);
  expect(state.tornLines).toBe(1);
  state.record(rec('d'));
  state.close();
  expect(readFileSync(journal, 'utf8')).toBe(line(rec('a')) + line(rec('b')) + line(rec('d')));
  const again = new CrawlState(dir);
  expect([[...again.resumed.keys()], again.tornLines]).toEqual([['https://a.test/a', 'https://a.test/b', 'https://a.test/d'], 0]);
  again.close();
});

test('a broken journal line before the last is an error naming the file and the line', () => {
  const dir = stateDir();
  const journal = join(dir, 'journal.jsonl');
  // What an append glued to a torn line leaves once more lines follow: line 2 is broken and not the last.
  writeFileSync(journal, line(rec('a')) + line(rec('b')).slice(0, 30) + line(rec('c')) + line(rec('d')));
  expect(() => new CrawlState(dir)).toThrow(`${journal}: line 2 is not valid JSON (`);
  expect(() => new CrawlState(dir)).toThrow(/the file is damaged or was edited\. Delete it to start the interrupted crawl over\.$/);
  writeFileSync(journal, line(rec('a')) + '{"url":"https://a.test/b"}\n');
  expect(() => new CrawlState(dir)).toThrow(`${journal}: line 2 is not a crawl record, so the file is damaged or was edited. Delete it to start the interrupted crawl over.`);
});

test('the baseline (pages.jsonl) follows the same rule: a torn last line is counted, a broken middle line names the file and line', () => {
  const dir = stateDir();
  const pages = join(dir, 'pages.jsonl');
  writeFileSync(pages, line(rec('a')) + line(rec('b')).slice(0, 30));
  const state = new CrawlState(dir);
  expect([[...state.previous.keys()], state.tornLines]).toEqual([['https://a.test/a'], 1]);
  state.close();
  writeFileSync(pages, `${line(rec('a'))}not json\n${line(rec('c'))}`);
  expect(() => new CrawlState(dir)).toThrow(new RegExp(`^${pages}: line 2 is not valid JSON .* Delete it to crawl without a baseline \\(every page then counts as new\\)\\.$`));
});

test('a torn journal line shows in reports.scrape.tornLines and as a warning', { timeout: 60_000 }, async () => {
  const site = await startSiteServer();
  try {
    const cacheDir = mkdtempSync(join(tmpdir(), 'tuneset-torn-'));
    const options = { startUrls: [site.url('/')], requestsPerSecond: 1000, maxDepth: 0 };
    await runStage<never, ScrapedPage>(scrape(options), [], { cacheDir });
    // The state of that crawl, with a journal as a kill mid-line would leave it.
    const dir = join(cacheDir, 'scrape', readdirSync(join(cacheDir, 'scrape'))[0]!);
    appendFileSync(join(dir, 'journal.jsonl'), '{"url":"https://a.test/x","outco');
    const warnings: string[] = [];
    const log = stderrLogger('scrape', (l) => void (l.startsWith('warn: ') && warnings.push(l)));
    const run = await runStage<never, ScrapedPage>(scrape(options), [], { cacheDir, log });
    expect(run.report).toMatchObject({ tornLines: 1, pages: 1 });
    expect(warnings).toEqual([`warn: [scrape] the crawl state ended in a line cut short by a killed run; skipped, its page is fetched again ${JSON.stringify({ dir, tornLines: 1 })}\n`]);
  } finally {
    await site.close();
  }
});

test('pages extracted by an older extraction (bodies.pack) are fetched and extracted again, and the old pack is deleted', { timeout: 60_000 }, async () => {
  const site = await startSiteServer();
  try {
    const cacheDir = mkdtempSync(join(tmpdir(), 'tuneset-extraction-version-'));
    const options = { startUrls: [site.url('/')], requestsPerSecond: 1000, maxDepth: 0 };
    const first = await runStage<never, ScrapedPage>(scrape(options), [], { cacheDir });
    const dir = join(cacheDir, 'scrape', readdirSync(join(cacheDir, 'scrape'))[0]!);
    expect(readdirSync(dir).filter((f) => f.includes('.pack'))).toEqual([`bodies-v${EXTRACTION_VERSION}.pack`]);
    // The cache as an older tuneset left it: one pack, holding the page as that extraction saw it.
    const [home] = readFileSync(join(dir, 'pages.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as CrawlRecord);
    const stale = { ...first.out[0]!.data, text: 'Pelican Queue¶', markdown: '# Pelican Queue[¶](#)' };
    rmSync(join(dir, `bodies-v${EXTRACTION_VERSION}.pack`));
    writeFileSync(join(dir, 'bodies.pack'), `${home!.contentHash}\t${JSON.stringify(stale)}\n`);

    const second = await runStage<never, ScrapedPage>(scrape(options), [], { cacheDir });
    expect(second.out.map((p) => p.data.text)).toEqual(first.out.map((p) => p.data.text));
    // Not conditional (the body it would stand for is not cached), so no 304; the bytes are the same page.
    expect(second.report).toMatchObject({ pages: 1, notModified: 0, extracted: 1, same: 1 });
    expect(readdirSync(dir).filter((f) => f.includes('.pack'))).toEqual([`bodies-v${EXTRACTION_VERSION}.pack`]);
  } finally {
    await site.close();
  }
});
