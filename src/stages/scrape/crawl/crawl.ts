import type { CheerioCrawler, Request, RequestOptions } from 'crawlee';
import type { Clock } from '../../../pipeline/clock.js';
import { sha256 } from '../../../pipeline/hash.js';
import type { Json } from '../../../pipeline/item.js';
import type { Logger } from '../../../pipeline/logger.js';
import type { ScrapeDropCode } from '../drop-codes.js';
import { extractPage, type ExtractedPage } from '../extract/index.js';
import type { ScrapeOptions } from '../options.js';
import { createHostRateLimiter } from '../polite/host-rate-limiter.js';
import { backoffMs } from '../polite/retry-after.js';
import { createRobotsCache, type RobotsDecision } from '../polite/robots.js';
import { readSitemapUrls } from '../sitemap.js';
import type { CrawlRecord, CrawlState } from '../state/crawl-state.js';
import { normalizeUrl } from '../url/normalize-url.js';
import { createUrlFilter } from '../url/url-filter.js';
import type { RenderedPage } from './browser-crawler.js';
import { emptySummary, removedPages, type CrawlSummary } from './crawl-summary.js';
import { classifyFailure } from './classify-failure.js';
import { PageFailure } from './fetch-errors.js';
import { NodeHttpClient } from './node-http-client.js';
import { RenderPool } from './render-pool.js';
import type { CrawlerHandlers, ResponseOutcome } from './crawler-handlers.js';
import { createStaticCrawler, type FetchedPage } from './static-crawler.js';

/** A finished page, handed to the source to become an item. */
export interface CrawledPage {
  id: string;
  record: CrawlRecord;
  page: ExtractedPage;
}

/** A URL that yields no page: becomes a line in rejected.jsonl. */
export interface CrawlFailure {
  url: string;
  code: ScrapeDropCode;
  detail: Record<string, Json>;
  record?: CrawlRecord;
}

export interface CrawlDeps {
  options: ScrapeOptions;
  startUrls: readonly string[];
  userAgent: string;
  state: CrawlState;
  clock: Clock;
  log: Logger;
  /** Waits while the consumer is behind. */
  onPage(page: CrawledPage): Promise<void>;
  onFailure(failure: CrawlFailure): void;
}

/** What the request carries through Crawlee (and its retries). */
interface RequestMeta {
  depth: number;
  robots: RobotsDecision;
  /** Set when a fetched page is handed to the browser; `hash` is its rendered hash, `requestedUrl` the URL as requested. */
  fetched?: Omit<FetchedPage, 'page' | 'bytes'> & { hash: string; requestedUrl: string };
}

const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);
const MAX_CRAWL_DELAY_SECS = 60;

/**
 * One crawl: the frontier (which URLs, once each), the politeness (robots, per-host pacing,
 * backoff), the change marks against the previous crawl, and Crawlee's crawlers doing the fetching.
 */
export class Crawl {
  private readonly seen = new Set<string>();
  private readonly pageIds = new Set<string>();
  private readonly records = new Map<string, CrawlRecord>();
  /** The previous completed crawl's pages, by page id (normalised final URL). */
  private readonly previousPages: Map<string, CrawlRecord>;
  private readonly scopeOrigins: Set<string>;
  private readonly inFilter: (url: string) => boolean;
  private readonly limiter;
  private readonly robots;
  private readonly http: NodeHttpClient;
  private readonly plainHttp: NodeHttpClient;
  private readonly staticCrawler: CheerioCrawler;
  /** Chromium, for pages that need rendering: it renders bodies fetched here, never fetching a page itself. */
  private readonly renderer: RenderPool;
  private readonly runs: Promise<unknown>[] = [];
  private pending = 0;
  private seeding = true;
  private claimed = 0;
  private resolveIdle: (() => void) | undefined;
  private stopped = false;
  readonly summary: CrawlSummary = emptySummary();

  /** URLs taken into the crawl so far (at most maxPages): the total of the progress line. */
  get frontier(): number {
    return this.claimed;
  }

  constructor(private readonly deps: CrawlDeps) {
    const { options } = deps;
    this.summary.tornLines = deps.state.tornLines;
    this.previousPages = new Map(
      [...deps.state.previous.values()].filter((r) => r.outcome === 'page').map((r) => [normalizeUrl(r.finalUrl ?? r.url) ?? r.url, r]),
    );
    this.scopeOrigins = new Set(deps.startUrls.map((u) => new URL(u).origin));
    this.inFilter = createUrlFilter({ ...(options.include ? { include: options.include } : {}), exclude: options.exclude });
    this.limiter = createHostRateLimiter({ requestsPerSecond: options.requestsPerSecond });
    this.http = new NodeHttpClient({
      maxBodyBytes: options.maxPageBytes,
      maxSockets: options.concurrency,
      // A redirect hop is a request too: robots.txt and the host's pace apply to it.
      beforeRedirect: async (url) => {
        if ((await this.robotsDecision(url)) === 'disallowed') throw new PageFailure('robots_disallowed', `${url}, a redirect target, is disallowed by robots.txt`, { redirectTo: url });
        await this.limiter.acquire(url);
      },
    });
    // robots.txt and sitemaps have a client without the hook: a robots.txt that redirects must not wait on itself.
    this.plainHttp = new NodeHttpClient({ maxBodyBytes: options.maxPageBytes, maxSockets: 2 });
    this.robots = createRobotsCache({ userAgent: deps.userAgent, fetch: (url) => this.fetchText(url) });
    const handlers: CrawlerHandlers = {
      beforeRequest: (request) => this.limiter.acquire(request.url),
      onRetry: (request, error) => this.onRetry(request, error),
      onFailed: (request, error) => this.onFailed(request, error),
      settle: () => this.settle(),
    };
    this.renderer = new RenderPool({
      options,
      userAgent: deps.userAgent,
      stateDir: deps.state.dir,
      fetch: {
        http: this.http,
        robotsDecision: (url) => this.robotsDecision(url),
        acquire: (url) => this.limiter.acquire(url),
        delayHost: (url, ms) => this.limiter.delayHost(url, ms),
      },
      onRetry: handlers.onRetry,
      onFailed: handlers.onFailed,
      settle: handlers.settle,
      onRendered: (request, rendered) => this.onRenderedPage(request, rendered),
    });
    // Every page is fetched by our client, rendered or not: one request, conditional on a re-crawl.
    this.staticCrawler = createStaticCrawler({
      options,
      userAgent: deps.userAgent,
      httpClient: this.http,
      ...handlers,
      onResponse: (request, fetched) => this.onStaticPage(request, fetched),
    });
  }

  /** Crawls until no request is left, then closes the crawlers. */
  async run(): Promise<void> {
    this.runs.push(this.staticCrawler.run());
    const idle = new Promise<void>((resolve) => (this.resolveIdle = resolve));
    try {
      await this.offerAll(this.deps.startUrls, 0);
      if (this.deps.options.sitemaps) await this.offerSitemaps();
      this.seeding = false;
      this.checkIdle();
      await idle;
    } finally {
      await this.stop();
    }
  }

  /** Stops the crawlers (the consumer stopped early, or the crawl is done). */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.staticCrawler.stop();
    this.renderer.stop();
    await Promise.allSettled(this.runs);
    await this.renderer.teardown();
  }

  /** After a complete crawl: what was removed since the last one, and this crawl becomes the baseline. */
  finish(): void {
    const truncated = this.summary.truncatedAtMaxPages;
    this.summary.removed = removedPages(this.previousPages, this.pageIds, this.records, truncated);
    // A crawl cut short by maxPages keeps the pages it did not reach, to compare them next time.
    const carried = truncated ? [...this.deps.state.previous.values()].filter((r) => !this.records.has(r.url)) : [];
    this.deps.state.complete([...this.records.values(), ...carried]);
  }

  /**
   * Takes the URLs found at one depth (start URLs, a sitemap, a page's links) into the crawl: each
   * normalised URL once, in scope, within the limits, allowed by robots.txt. Finished ones of an
   * interrupted crawl are replayed; the rest go to Crawlee in one batch (one call per page, not per link).
   */
  private async offerAll(raws: readonly string[], depth: number, base?: string): Promise<void> {
    const batch: RequestOptions[] = [];
    for (const raw of raws) {
      const request = await this.offer(raw, depth, base);
      if (request) batch.push(request);
    }
    if (batch.length === 0) return;
    this.pending += batch.length;
    await this.staticCrawler.addRequests(batch);
  }

  private async offer(raw: string, depth: number, base: string | undefined): Promise<RequestOptions | undefined> {
    const url = normalizeUrl(raw, base === undefined ? {} : { base });
    if (url === undefined || this.seen.has(url) || !this.inScope(url)) return undefined;
    const { maxDepth, maxPages } = this.deps.options;
    if (maxDepth !== undefined && depth > maxDepth) return undefined;
    if (this.claimed >= maxPages) {
      this.summary.truncatedAtMaxPages = true;
      return undefined;
    }
    this.seen.add(url);
    this.claimed++;
    const resumed = this.deps.state.resumed.get(url);
    if (resumed && (await this.replay(resumed))) return undefined;

    // Decided on the URL that will be requested: the key may have lost a trailing slash a rule names.
    const target = fetchUrl(raw, base);
    const robots = await this.robotsDecision(target);
    if (robots === 'disallowed') {
      this.claimed--;
      this.summary.robotsDisallowed++;
      this.deps.onFailure({ url, code: 'robots_disallowed', detail: await this.robotsDetail(target) });
      return undefined;
    }
    const meta: RequestMeta = { depth, robots };
    // Fetched as linked (the key drops a trailing slash a server may redirect back to), keyed normalised.
    return { url: target, uniqueKey: url, userData: meta, headers: this.requestHeaders(url) };
  }

  private inScope(url: string): boolean {
    if (!this.deps.options.include && !this.scopeOrigins.has(new URL(url).origin)) return false;
    return this.inFilter(url);
  }

  private requestHeaders(url: string): Record<string, string> {
    const headers: Record<string, string> = { 'user-agent': this.deps.userAgent, accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5' };
    const before = this.deps.state.previous.get(url);
    // Conditional only when the body it stands for is still in the cache, so a 304 can be served from it,
    // and was extracted as this crawl would extract it.
    if (before?.outcome === 'page' && before.contentHash && this.deps.state.hasBody(before.contentHash) && this.reusable(before)) {
      if (before.etag) headers['if-none-match'] = before.etag;
      if (before.lastModified) headers['if-modified-since'] = before.lastModified;
    }
    return headers;
  }

  /**
   * Whether the cached extraction of a page is one this crawl's `render` would make: a static one for
   * 'static', a rendered one for 'browser', either for 'auto'. (A page a static crawl kept with too little
   * text is then rendered by 'auto' only when it comes back with a 200: its 304 carries no body to
   * look for a script in, and asking every short page unconditionally would cost their 304s.)
   */
  private reusable(before: CrawlRecord): boolean {
    const { render } = this.deps.options;
    return render === 'auto' || (render === 'browser') === (before.render === 'browser');
  }

  private async robotsDecision(url: string): Promise<RobotsDecision> {
    if (!this.deps.options.robots) return 'ignored';
    const policy = await this.robots.policyFor(url);
    // Crawl-delay widens the host's spacing (never narrows requestsPerSecond); capped so one line cannot stall a crawl.
    if (policy.crawlDelaySecs) this.limiter.slowHost(url, Math.min(policy.crawlDelaySecs, MAX_CRAWL_DELAY_SECS) * 1000);
    return policy.decide(url);
  }

  private async robotsDetail(url: string): Promise<Record<string, Json>> {
    const robotsTxt = `${new URL(url).origin}/robots.txt`;
    if ((await this.robots.policyFor(url)).source !== 'unreachable') return { robotsTxt };
    // Not the site's wish but an error: say so, or a refused connection reads as a robots rule.
    return { robotsTxt, reason: 'robots.txt could not be fetched (network error, 429 or 5xx); RFC 9309 then treats the whole site as disallowed' };
  }

  private async offerSitemaps(): Promise<void> {
    for (const origin of this.scopeOrigins) {
      const listed = this.deps.options.robots ? (await this.robots.policyFor(`${origin}/`)).sitemaps : [];
      const sitemaps = listed.length > 0 ? listed : [`${origin}/sitemap.xml`];
      const { pages, errors } = await readSitemapUrls(sitemaps, (u) => this.fetchText(u));
      for (const error of errors) this.deps.log.warn('a sitemap was not read; pages only it lists are not crawled', { ...error });
      this.summary.sitemapErrors.push(...errors);
      await this.offerAll(pages, 0);
    }
  }

  /** robots.txt and sitemaps: asked conditionally when the last crawl kept them, a 304 read as the kept body. */
  private async fetchText(url: string): Promise<{ status: number; body: string }> {
    await this.limiter.acquire(url);
    const { texts } = this.deps.state;
    const response = await this.plainHttp.sendRequest({
      url,
      headers: { 'user-agent': this.deps.userAgent, ...texts.conditionalHeaders(url) },
      timeout: { request: this.deps.options.pageTimeoutSecs * 1000 },
    });
    return texts.settle(url, response.statusCode, response.body, response.headers);
  }

  /** A URL the interrupted crawl finished: its page (or failure) again, from the cache. */
  private async replay(record: CrawlRecord): Promise<boolean> {
    if (record.outcome === 'failed') {
      this.records.set(record.url, record);
      this.summary.failed++;
      // The journal holds codes this crawler wrote, so they are scrape's own.
      this.deps.onFailure({ url: record.url, code: (record.code as ScrapeDropCode | undefined) ?? 'fetch_failed', detail: (record.detail ?? {}) as Record<string, Json>, record });
      return true;
    }
    const page = record.contentHash ? this.deps.state.loadBody(record.contentHash) : undefined;
    if (!page) return false;
    this.summary.resumed++;
    await this.emitPage(record, page);
    return true;
  }

  private async onStaticPage(request: Request, fetched: FetchedPage): Promise<ResponseOutcome> {
    const meta = request.userData as RequestMeta;
    this.summary.responses++;
    const before = this.deps.state.previous.get(request.uniqueKey);
    if (fetched.status === 304) {
      const page = before?.contentHash ? this.deps.state.loadBody(before.contentHash) : undefined;
      if (!before?.contentHash || !page) throw new PageFailure('fetch_failed', `${request.url} answered 304 to a request that was not conditional`);
      this.summary.notModified++;
      const validators = { etag: fetched.etag ?? before.etag, lastModified: fetched.lastModified ?? before.lastModified };
      await this.finishPage(request, meta, { ...fetched, status: 304, hash: before.contentHash, ...validators }, page, before.render ?? 'static');
      return 'done';
    }
    if (!HTML_TYPES.has(fetched.contentType)) {
      throw new PageFailure('unsupported_content_type', `${request.url} is ${fetched.contentType || 'untyped'}, not HTML`, { contentType: fetched.contentType });
    }
    const hash = sha256(fetched.bytes);
    const { render } = this.deps.options;
    // A body seen before (same bytes, any URL, any run) is never extracted or rendered again.
    if (render !== 'static') {
      const renderedKey = renderedHash(hash);
      const rendered = this.deps.state.loadBody(renderedKey);
      if (rendered) {
        await this.finishPage(request, meta, { ...fetched, hash: renderedKey }, rendered, 'browser');
        return 'done';
      }
      if (render === 'browser') return this.handOff(request, meta, fetched, hash);
    }
    const page = this.deps.state.loadBody(hash) ?? this.extracted(fetched.page());
    if (render === 'auto' && page.text.length < this.deps.options.autoRenderBelowChars && /<script/i.test(fetched.bytes.toString('latin1'))) {
      return this.handOff(request, meta, fetched, hash);
    }
    await this.finishPage(request, meta, { ...fetched, hash }, page, 'static');
    return 'done';
  }

  /** The fetched body goes to chromium with the request: rendered from memory, not fetched again. */
  private async handOff(request: Request, meta: RequestMeta, fetched: FetchedPage, hash: string): Promise<ResponseOutcome> {
    const { page: _p, bytes, ...rest } = fetched;
    // The crawler's body is text it decoded: re-encoded as UTF-8, which the header must then say.
    const document = { url: fetched.finalUrl, status: fetched.status, contentType: `${fetched.contentType}; charset=utf-8`, body: bytes };
    const handOff: RequestMeta = { ...meta, fetched: { ...rest, hash: renderedHash(hash), requestedUrl: request.url } };
    // At its final URL, where the body came from, so relative links and scripts resolve. `pending` moves with the request.
    await this.renderer.render({ url: fetched.finalUrl, uniqueKey: request.uniqueKey, userData: handOff }, document);
    const assets = this.renderer.assetCounts;
    if (assets) this.summary.assets = assets;
    return 'handed-off';
  }

  private async onRenderedPage(request: Request, rendered: RenderedPage): Promise<ResponseOutcome> {
    const meta = request.userData as RequestMeta;
    const fetched = meta.fetched!;
    this.renderer.release(request.uniqueKey);
    const page = this.extracted(extractPage(rendered.html, { url: fetched.finalUrl, selectors: this.deps.options.selectors }));
    await this.finishPage(request, meta, fetched, page, 'browser');
    return 'done';
  }

  private extracted(page: ExtractedPage): ExtractedPage {
    this.summary.extracted++;
    return page;
  }

  private async finishPage(
    request: Request,
    meta: RequestMeta,
    fetched: { finalUrl: string; status: number; hash: string; etag?: string | undefined; lastModified?: string | undefined },
    page: ExtractedPage,
    render: 'static' | 'browser',
  ): Promise<void> {
    const url = request.uniqueKey;
    const requested = meta.fetched?.requestedUrl ?? request.url;
    const id = normalizeUrl(fetched.finalUrl) ?? url;
    // Compared by page, not by the URL that led to it: a redirect and a direct link are one page.
    const before = this.previousPages.get(id);
    const record: CrawlRecord = {
      ...this.recordOf(url, 'page', meta),
      finalUrl: fetched.finalUrl,
      status: fetched.status,
      ...(fetched.etag ? { etag: fetched.etag } : {}),
      ...(fetched.lastModified ? { lastModified: fetched.lastModified } : {}),
      contentHash: fetched.hash,
      render,
      change: !before ? 'new' : before.contentHash === fetched.hash ? 'same' : 'changed',
    };
    // Cached even when the page is dropped below, so the same bytes are not extracted again next run.
    this.deps.state.saveBody(fetched.hash, page);
    if (this.pageIds.has(id)) throw new PageFailure('duplicate_url', `${requested} leads to ${id}, already crawled`, { sameAs: id });
    if (page.text.trim() === '') throw new PageFailure('empty_page', `${requested} has no text in its main content`, { finalUrl: fetched.finalUrl });
    this.deps.state.record(record);
    await this.emitPage(record, page);
  }

  private async emitPage(record: CrawlRecord, page: ExtractedPage): Promise<void> {
    const id = normalizeUrl(record.finalUrl ?? record.url) ?? record.url;
    // A redirect's target is the page: it is not fetched again under its own URL.
    this.seen.add(id);
    this.pageIds.add(id);
    this.records.set(record.url, record);
    this.summary.pages++;
    if (record.change) this.summary[record.change]++;
    await this.deps.onPage({ id, record, page });
    await this.offerAll(page.links, record.depth + 1, record.finalUrl ?? record.url);
  }

  private onRetry(request: Request, error: Error): void {
    const delay = classifyFailure(error).retryAfterMs;
    if (delay === 'never') {
      request.noRetry = true;
      return;
    }
    this.limiter.delayHost(request.url, delay ?? backoffMs(request.retryCount + 1));
  }

  private async onFailed(request: Request, error: Error): Promise<void> {
    const url = request.uniqueKey;
    const meta = request.userData as RequestMeta;
    this.renderer.release(url);
    const { code, detail, status } = classifyFailure(error);
    const record: CrawlRecord = {
      ...this.recordOf(url, 'failed', meta),
      ...(status !== undefined ? { status } : {}),
      code,
      detail: { ...detail, attempts: request.retryCount + 1, ...(code === 'not_found' && this.previousPages.has(url) ? { change: 'removed' } : {}) },
    };
    this.deps.state.record(record);
    this.records.set(url, record);
    this.summary.failed++;
    this.deps.onFailure({ url: meta.fetched?.requestedUrl ?? request.url, code, detail: record.detail as Record<string, Json>, record });
    this.settle();
  }

  private recordOf(url: string, outcome: CrawlRecord['outcome'], meta: RequestMeta): Pick<CrawlRecord, 'url' | 'outcome' | 'depth' | 'fetchedAt' | 'robots'> {
    return { url, outcome, depth: meta.depth, fetchedAt: this.deps.clock.now().toISOString(), robots: meta.robots };
  }

  /** One request fewer in flight; when none are left and seeding is over, the crawl is done. */
  private settle(): void {
    this.pending--;
    this.checkIdle();
  }

  private checkIdle(): void {
    if (!this.seeding && this.pending === 0) this.resolveIdle?.();
  }
}

/**
 * The cache key and contentHash of a rendered page: derived from the fetched bytes' hash (it changes
 * exactly when they do) but not equal to it, so the same bytes extracted statically and rendered
 * are two cache entries and a crawl never takes one for the other.
 */
const renderedHash = (hash: string): string => sha256(`rendered ${hash}`);

const fetchUrl = (raw: string, base: string | undefined): string => {
  const url = new URL(raw, base);
  url.hash = '';
  return url.href;
};
