import { pathToFileURL } from 'node:url';
import { chromium as playwright, type Page } from 'playwright';
import { BROWSER_ARGS, BROWSER_HINT, findBrowser } from '../../src/stages/scrape/crawl/find-browser.js';
import { requireOrSkip, type Requirement } from './require-or-skip.js';

// What the tests that open a written page in chromium share (report.html, the side-by-side page):
// the browser found or the tests skipped, and a page that records every console error, uncaught
// error and request, so a test can say "no error, nothing fetched" of what it opened.

const browserPath = findBrowser();

/**
 * Call at a test file's top level. Where chromium is missing the tests are skipped and one test
 * says so; CI sets TUNESET_REQUIRE_BROWSER=1, where a missing browser fails instead.
 */
export const requireChromium = (): Requirement =>
  requireOrSkip({ what: 'chromium', missing: browserPath ? undefined : 'no chromium found', requireVar: 'TUNESET_REQUIRE_BROWSER', hint: BROWSER_HINT });

export interface WatchedPage {
  page: Page;
  /** Console errors and uncaught exceptions, as their text. */
  errors: string[];
  /** Every URL the page requested, the pages opened included. */
  requests: string[];
  /** Opens a local file and waits for its load event; returns its file: URL. */
  open: (path: string) => Promise<string>;
}

/** Launches chromium, gives `use` one watched page of `viewport`'s size, and closes the browser whatever happens. */
export const withBrowserPage = async (viewport: { width: number; height: number }, use: (watched: WatchedPage) => Promise<void>): Promise<void> => {
  const browser = await playwright.launch({ executablePath: browserPath!, args: BROWSER_ARGS });
  try {
    const page = await browser.newPage({ viewport });
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
    page.on('pageerror', (e) => void errors.push(e.message));
    page.on('request', (r) => void requests.push(r.url()));
    const open = async (path: string) => {
      const url = pathToFileURL(path).href;
      await page.goto(url, { waitUntil: 'load' });
      return url;
    };
    await use({ page, errors, requests, open });
  } finally {
    await browser.close();
  }
};
