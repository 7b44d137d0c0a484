import { PlaywrightCrawler, type Request } from 'crawlee';
import { chromium } from 'playwright';
import { ConfigError } from '../../../pipeline/errors.js';
import type { ScrapeOptions } from '../options.js';
import { checkStatus } from './check-status.js';
import { crawlConfiguration, poolOptions, quietCrawleeLog } from './crawlee-config.js';
import type { CrawlerHandlers, ResponseOutcome } from './crawler-handlers.js';
import { PageFailure } from './fetch-errors.js';
import { BROWSER_ARGS, BROWSER_HINT, findBrowser } from './find-browser.js';

/** A page after chromium ran its scripts. */
export interface RenderedPage {
  finalUrl: string;
  status: number;
  etag?: string;
  lastModified?: string;
  html: string;
}

export interface BrowserCrawlerDeps extends CrawlerHandlers {
  options: ScrapeOptions;
  userAgent: string;
  onResponse(request: Request, rendered: RenderedPage): Promise<ResponseOutcome>;
}

// Scripts that fetch their content get this long after `load` to go quiet; a page that never does is taken as it is.
const SETTLE_MS = 3000;

/**
 * Crawlee's PlaywrightCrawler on a chromium found on this machine, for pages whose text only exists
 * after JavaScript runs. No fingerprints or session pool: we say who we are (the User-Agent).
 */
export const createBrowserCrawler = (deps: BrowserCrawlerDeps): PlaywrightCrawler => {
  const { options } = deps;
  const executablePath = findBrowser(options.browserExecutable);
  if (!executablePath) {
    throw new ConfigError('scrape', [{ path: 'render', message: `render '${options.render}' needs chromium and none was found. ${BROWSER_HINT}` }]);
  }
  // A browser page is one tab: a few at a time, whatever the HTTP concurrency.
  const concurrency = Math.min(options.concurrency, 4);
  return new PlaywrightCrawler(
    {
      ...poolOptions(concurrency),
      launchContext: { launcher: chromium, launchOptions: { executablePath, headless: true, args: BROWSER_ARGS }, userAgent: deps.userAgent },
      browserPoolOptions: { useFingerprints: false },
      useSessionPool: false,
      persistCookiesPerSession: false,
      maxRequestRetries: options.retries,
      navigationTimeoutSecs: options.pageTimeoutSecs,
      requestHandlerTimeoutSecs: options.pageTimeoutSecs + 60,
      keepAlive: true,
      log: quietCrawleeLog(),
      statusMessageLoggingInterval: 3600,
      preNavigationHooks: [
        async ({ request }, gotoOptions) => {
          await deps.beforeRequest(request);
          if (gotoOptions) gotoOptions.waitUntil = 'load';
        },
      ],
      requestHandler: async ({ request, page, response }) => {
        const status = response?.status() ?? 0;
        const headers = (await response?.allHeaders()) ?? {};
        checkStatus(status, headers['retry-after'], request.url);
        await page.waitForLoadState('networkidle', { timeout: SETTLE_MS }).catch(() => undefined);
        const html = await page.content();
        const bytes = Buffer.byteLength(html, 'utf8');
        if (bytes > options.maxPageBytes) {
          throw new PageFailure('page_too_large', `${request.url} renders to ${bytes} bytes, over the cap of ${options.maxPageBytes}`, { bytes, cap: options.maxPageBytes });
        }
        const outcome = await deps.onResponse(request, {
          finalUrl: page.url(),
          status,
          ...(headers['etag'] ? { etag: headers['etag'] } : {}),
          ...(headers['last-modified'] ? { lastModified: headers['last-modified'] } : {}),
          html,
        });
        if (outcome === 'done') deps.settle();
      },
      errorHandler: ({ request }, error) => deps.onRetry(request, error),
      failedRequestHandler: ({ request }, error) => deps.onFailed(request, error),
    },
    crawlConfiguration(),
  );
};
