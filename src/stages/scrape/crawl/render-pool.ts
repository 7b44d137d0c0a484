import { join } from 'node:path';
import type { PlaywrightCrawler, Request, RequestOptions } from 'crawlee';
import type { ScrapeOptions } from '../options.js';
import { AssetCache } from './asset-cache.js';
import { createBrowserCrawler, type RenderedPage } from './browser-crawler.js';
import type { CrawlerHandlers, ResponseOutcome } from './crawler-handlers.js';
import { DocumentSpool } from './document-spool.js';
import { fetchAsset, type FetchAssetDeps } from './fetch-asset.js';
import { renderRoutes, type RenderDocument } from './render-routes.js';

export interface RenderPoolDeps extends Omit<CrawlerHandlers, 'beforeRequest'> {
  options: ScrapeOptions;
  userAgent: string;
  /** The crawl's cache directory: bodies waiting for a tab past the memory cap wait under it. */
  stateDir: string;
  /** How assets are fetched: the crawl's client, robots.txt check and per-host pace. */
  fetch: Omit<FetchAssetDeps, 'userAgent' | 'timeoutMs'>;
  onRendered(request: Request, rendered: RenderedPage): Promise<ResponseOutcome>;
}

/**
 * Chromium for the pages of one crawl that need rendering, started on the first of them: the bodies
 * handed to it (rendered from there, never fetched again), and the one asset cache all its pages share.
 */
export class RenderPool {
  private crawler: PlaywrightCrawler | undefined;
  private running: Promise<unknown> | undefined;
  private assets: AssetCache | undefined;
  private readonly documents: DocumentSpool;

  constructor(private readonly deps: RenderPoolDeps) {
    this.documents = new DocumentSpool(join(deps.stateDir, 'rendering'));
  }

  /** What the renders asked for, once a page was rendered (reports.scrape.assets). */
  get assetCounts() {
    return this.assets?.counts;
  }

  /** Queues `request` for rendering `document`; the body is kept until `release`. */
  async render(request: RequestOptions & { uniqueKey: string }, document: RenderDocument): Promise<void> {
    this.documents.put(request.uniqueKey, document);
    await this.browser().addRequests([request]);
  }

  /** The page rendered, or failed for good: its body is no longer needed. */
  release(uniqueKey: string): void {
    this.documents.delete(uniqueKey);
  }

  stop(): void {
    this.crawler?.stop();
  }

  /** After stop: waits for the crawler to finish, closes chromium and drops the bodies left. */
  async teardown(): Promise<void> {
    await Promise.allSettled([this.running]);
    await this.crawler?.teardown();
    this.documents.clear();
  }

  private browser(): PlaywrightCrawler {
    if (!this.crawler) {
      const { options, userAgent, onRetry, onFailed, settle } = this.deps;
      const assets = (this.assets = new AssetCache((url) => fetchAsset({ ...this.deps.fetch, userAgent, timeoutMs: options.pageTimeoutSecs * 1000 }, url)));
      this.crawler = createBrowserCrawler({
        options,
        userAgent,
        onRetry,
        onFailed,
        settle,
        routesFor: (request) => {
          const document = this.documents.get(request.uniqueKey);
          if (!document) throw new Error(`${request.url} was handed to the browser without its fetched body`);
          return renderRoutes({ document, assets, fetchAssets: options.fetchAssets });
        },
        onResponse: (request, rendered) => this.deps.onRendered(request, rendered),
      });
      this.running = this.crawler.run();
    }
    return this.crawler;
  }
}
