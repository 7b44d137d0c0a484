import { PlaywrightCrawler, type Request } from 'crawlee';
import { chromium, type Route } from 'playwright';
import { ConfigError } from '../../../pipeline/errors.js';
import type { ScrapeOptions } from '../options.js';
import { checkStatus } from './check-status.js';
import { crawlConfiguration, poolOptions, quietCrawleeLog } from './crawlee-config.js';
import type { CrawlerHandlers, ResponseOutcome } from './crawler-handlers.js';
import { PageFailure } from './fetch-errors.js';
import { BROWSER_ARGS, BROWSER_HINT, findBrowser } from './find-browser.js';

/** A page after chromium ran its scripts. */
export interface RenderedPage {
  html: string;
}

export interface BrowserCrawlerDeps extends Omit<CrawlerHandlers, 'beforeRequest'> {
  options: ScrapeOptions;
  userAgent: string;
  /** The handler for every request of the page rendering `request` (render-routes.ts): nothing goes to the network by itself. */
  routesFor(request: Request): (route: Route) => Promise<void>;
  onResponse(request: Request, rendered: RenderedPage): Promise<ResponseOutcome>;
}

// Scripts that fetch their content get this long after `load` to go quiet; a page that never does is taken as it is.
const SETTLE_MS = 3000;

/**
 * Crawlee's PlaywrightCrawler on a chromium found on this machine, for pages whose text only exists
 * after JavaScript runs. It renders pages the crawl has already fetched: the document and the assets
 * come through `routesFor`, so the browser itself requests nothing (a request is the crawl's, with
 * its robots.txt check, pace and User-Agent). No fingerprints or session pool.
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
      launchContext: { launcher: chromium, launchOptions: { executablePath, headless: true, args: BROWSER_ARGS, serviceWorkers: 'block' }, userAgent: deps.userAgent },
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
        // No host slot to wait for: the document is already here, and assets wait for theirs as they are fetched.
        async ({ request, page }, gotoOptions) => {
          // Service workers are blocked (launchOptions): their requests would pass these routes by.
          await page.route('**/*', deps.routesFor(request));
          // A socket the page opens never reaches the server: no handler connects it.
          await page.routeWebSocket(() => true, () => undefined);
          if (gotoOptions) gotoOptions.waitUntil = 'load';
        },
      ],
      requestHandler: async ({ request, page, response }) => {
        // The status is the fetched one, handed back by the route: 2xx here, as the fetch checked.
        checkStatus(response?.status() ?? 0, undefined, request.url);
        await page.waitForLoadState('networkidle', { timeout: SETTLE_MS }).catch(() => undefined);
        const html = await page.content();
        const bytes = Buffer.byteLength(html, 'utf8');
        if (bytes > options.maxPageBytes) {
          throw new PageFailure('page_too_large', `${request.url} renders to ${bytes} bytes, over the cap of ${options.maxPageBytes}`, { bytes, cap: options.maxPageBytes });
        }
        const outcome = await deps.onResponse(request, { html });
        if (outcome === 'done') deps.settle();
      },
      errorHandler: ({ request }, error) => deps.onRetry(request, error),
      failedRequestHandler: ({ request }, error) => deps.onFailed(request, error),
    },
    crawlConfiguration(),
  );
};
