import { CheerioCrawler, type Request } from 'crawlee';
import { extractPage, type ExtractedPage } from '../extract/index.js';

type ExtractInput = Parameters<typeof extractPage>[0];
import type { ScrapeOptions } from '../options.js';
import { crawlConfiguration, poolOptions, quietCrawleeLog } from './crawlee-config.js';
import type { CrawlerHandlers, ResponseOutcome } from './crawler-handlers.js';
import { checkStatus } from './check-status.js';
import type { NodeHttpClient } from './node-http-client.js';

/** A response as the crawl sees it; `page()` extracts only when the cache does not have the body. */
export interface FetchedPage {
  finalUrl: string;
  status: number;
  contentType: string;
  etag?: string;
  lastModified?: string;
  bytes: Buffer;
  page(): ExtractedPage;
}

export interface StaticCrawlerDeps extends CrawlerHandlers {
  options: ScrapeOptions;
  userAgent: string;
  httpClient: NodeHttpClient;
  onResponse(request: Request, fetched: FetchedPage): Promise<ResponseOutcome>;
}

// Every error status reaches our handler, which decides retry or drop (Crawlee would throw on 5xx itself).
const ALL_ERROR_STATUSES = Array.from({ length: 200 }, (_, i) => 400 + i);

/**
 * Crawlee's CheerioCrawler configured for a polite, fast crawl: our HTTP client (no generated
 * browser headers, our User-Agent), no session pool (no cookies or identity rotation to manage),
 * in-memory storage, fixed concurrency, every content type and status handed to us.
 */
export const createStaticCrawler = (deps: StaticCrawlerDeps): CheerioCrawler => {
  const { options } = deps;
  return new CheerioCrawler(
    {
      ...poolOptions(options.concurrency),
      httpClient: deps.httpClient,
      useSessionPool: false,
      persistCookiesPerSession: false,
      maxRequestRetries: options.retries,
      navigationTimeoutSecs: options.pageTimeoutSecs,
      requestHandlerTimeoutSecs: options.pageTimeoutSecs + 60,
      additionalMimeTypes: ['*/*'],
      ignoreHttpErrorStatusCodes: ALL_ERROR_STATUSES,
      keepAlive: true,
      log: quietCrawleeLog(),
      statusMessageLoggingInterval: 3600,
      preNavigationHooks: [({ request }) => deps.beforeRequest(request)],
      requestHandler: async ({ request, response, body, contentType, $ }) => {
        const status = response.statusCode ?? 0;
        checkStatus(status, response.headers['retry-after'], request.url);
        const finalUrl = request.loadedUrl ?? request.url;
        const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
        const etag = header(response.headers['etag']);
        const lastModified = header(response.headers['last-modified']);
        const outcome = await deps.onResponse(request, {
          finalUrl,
          status,
          contentType: contentType.type,
          ...(etag ? { etag } : {}),
          ...(lastModified ? { lastModified } : {}),
          bytes,
          // Crawlee's `$` (its own cheerio build) is reused: the page is not parsed a second time.
          page: () => extractPage(($ as unknown as ExtractInput | undefined) ?? bytes.toString('utf8'), { url: finalUrl, selectors: options.selectors }),
        });
        if (outcome === 'done') deps.settle();
      },
      errorHandler: ({ request }, error) => deps.onRetry(request, error),
      failedRequestHandler: ({ request }, error) => deps.onFailed(request, error),
    },
    crawlConfiguration(),
  );
};

const header = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);
