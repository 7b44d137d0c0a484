import { join } from 'node:path';
import { UsageError } from '../../pipeline/errors.js';
import { sha256 } from '../../pipeline/hash.js';
import type { Item, ItemSource, Json } from '../../pipeline/item.js';
import { defineSource, type StageContext } from '../../pipeline/stage.js';
import type { CrawledPage, CrawlFailure } from './crawl/crawl.js';
import { crawlStatus } from './crawl-progress.js';
import type { ExtractedPage } from './extract/index.js';
import { PageChannel } from './crawl/page-channel.js';
import { ScrapeOptionsSchema, type ScrapeOptions } from './options.js';
import { CrawlState, type CrawlRecord } from './state/crawl-state.js';
import { normalizeUrl } from './url/normalize-url.js';

/** One crawled page: the `data` of every item scrape yields (what extraction found, without the links). */
export type ScrapedPage = Omit<ExtractedPage, 'links'> & {
  /** The page's URL after redirects. */
  url: string;
};

// Pages wait here while the pipeline is busy; past it, Crawlee's handlers wait.
const CHANNEL_HIGH_WATER = 256;

/**
 * Crawls websites with Crawlee into one item per page (id: the normalised URL after redirects).
 * Every URL that yields no page is dropped with a code: robots_disallowed, not_found, http_error,
 * redirect_loop, page_too_large, timeout, fetch_failed, unsupported_content_type, empty_page,
 * duplicate_url. See options.ts for the settings and src/stages/scrape/README-level notes there.
 */
export const scrape = defineSource('scrape', ScrapeOptionsSchema, (inputs, options, ctx) => scrapePages(inputs, options, ctx), (o) => o.startUrls);

async function* scrapePages(inputs: readonly string[], options: ScrapeOptions, ctx: StageContext): AsyncGenerator<Item<ScrapedPage>> {
  if (inputs.length === 0) throw new UsageError(`${ctx.pipeline.name}: no start URL to crawl; give one with --input URL (or startUrls in scrape({...}))`);
  const startUrls = inputs.map(startUrl);
  const key = sha256([...startUrls].sort().join('\n')).slice(0, 16);
  const state = new CrawlState(join(ctx.cacheDir, 'scrape', key));
  const userAgent = options.userAgent ?? `tuneset (pipeline ${ctx.pipeline.name})`;
  const channel = new PageChannel<CrawledPage>(CHANNEL_HIGH_WATER);
  // Crawlee takes seconds to import: only a pipeline that crawls pays for it, not every 'tuneset' import.
  const { Crawl } = await import('./crawl/crawl.js');
  const crawl = new Crawl({
    options,
    startUrls,
    userAgent,
    state,
    clock: ctx.clock,
    log: ctx.log,
    onPage: (page) => channel.push(page),
    onFailure: (failure) => {
      ctx.countIn();
      ctx.drop({ id: failure.url, source: failureSource(failure) }, { code: failure.code, detail: failure.detail });
      showProgress();
    },
  });
  // URLs done of the frontier known, 304s, failures, rate and ETA: the live line, or a plain line now and then.
  const showProgress = crawlStatus(ctx.clock, crawl, (text) => ctx.status?.(text));
  showProgress();
  if (state.tornLines > 0) ctx.log.warn('the crawl state ended in a line cut short by a killed run; skipped, its page is fetched again', { dir: state.dir, tornLines: state.tornLines });
  if (state.resumed.size > 0) ctx.log.info(`resuming an interrupted crawl: ${state.resumed.size} URLs already done`);
  const running = crawl.run().then(
    () => channel.close(),
    (error: unknown) => channel.fail(error),
  );
  let finished = false;
  try {
    const hashes: string[] = [];
    for await (const crawled of channel) {
      ctx.countIn();
      showProgress();
      hashes.push(`${crawled.id} ${crawled.record.contentHash}`);
      yield toItem(crawled);
    }
    await running;
    crawl.finish();
    finished = true;
    ctx.recordInput({ uri: startUrls.join(' '), sha256: sha256(hashes.sort().join('\n')), bytes: 0 });
    ctx.report({ startUrls, userAgent, ...(crawl.summary as unknown as Record<string, Json>) });
  } finally {
    // The consumer stopped early (--limit) or the run failed: stop fetching. The journal stays, so
    // the next run resumes instead of starting over.
    if (!finished) {
      // Handlers waiting for room in the channel must not wait for a consumer that has gone.
      channel.close();
      await crawl.stop();
    }
    state.close();
  }
}

const startUrl = (input: string): string => {
  const url = normalizeUrl(input);
  if (!url) throw new UsageError(`scrape: input "${input}" is not an http(s) URL to start crawling from`);
  return url;
};

const toItem = ({ id, record, page }: CrawledPage): Item<ScrapedPage> => ({
  id,
  group: id,
  source: recordSource(record),
  data: {
    url: record.finalUrl ?? record.url,
    title: page.title,
    ...(page.lang ? { lang: page.lang } : {}),
    ...(page.canonical ? { canonical: page.canonical } : {}),
    ...(page.description ? { description: page.description } : {}),
    text: page.text,
    markdown: page.markdown,
  },
  meta: { change: record.change ?? 'new', depth: record.depth, ...(page.lang ? { lang: page.lang } : {}) },
});

const recordSource = (r: CrawlRecord): ItemSource => ({
  uri: r.url,
  ...(r.finalUrl ? { finalUrl: r.finalUrl } : {}),
  fetchedAt: r.fetchedAt,
  ...(r.status !== undefined ? { status: r.status } : {}),
  ...(r.etag ? { etag: r.etag } : {}),
  ...(r.lastModified ? { lastModified: r.lastModified } : {}),
  ...(r.contentHash ? { contentHash: r.contentHash } : {}),
  robots: r.robots,
  ...(r.render ? { render: r.render } : {}),
});

const failureSource = (f: CrawlFailure): ItemSource => (f.record ? recordSource(f.record) : { uri: f.url });
