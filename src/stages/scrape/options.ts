import { load } from 'cheerio/slim';
import { z } from 'zod';

const MiB = 1024 * 1024;

const probe = load('<p></p>');
/** A selector that does not parse fails when the pipeline is loaded, not on every page of the crawl. */
const cssSelector = z
  .string()
  .min(1)
  .refine(
    (selector) => {
      try {
        probe(selector);
        return true;
      } catch {
        return false;
      }
    },
    { error: (issue) => `not a valid CSS selector: ${JSON.stringify(issue.input)}` },
  );

/**
 * `scrape({...})` options. The defaults are the polite ones: robots.txt respected, 2 requests a
 * second per host, 4 pages at a time, an identifying User-Agent.
 */
export const ScrapeOptionsSchema = z.strictObject({
  /** Where the crawl starts; `--input URL` (repeatable) replaces them. */
  startUrls: z.array(z.url({ protocol: /^https?$/ })).default([]),
  /** Globs over normalised URLs (`http://host/guide/**`); without them, the start URLs' origins are in scope. */
  include: z.array(z.string().min(1)).optional(),
  exclude: z.array(z.string().min(1)).default([]),
  /** Pages the crawl requests at most (start URLs, links and sitemap entries together). */
  maxPages: z.int().positive().default(1000),
  /** Link hops from a start URL or sitemap entry (0: only those). */
  maxDepth: z.int().min(0).optional(),
  /**
   * 'static': fetch HTML with Crawlee's CheerioCrawler. 'browser': render every page in chromium
   * with PlaywrightCrawler. 'auto': fetch statically and render in the browser only the pages whose
   * static text is shorter than `autoRenderBelowChars` and that carry a script.
   */
  render: z.enum(['static', 'browser', 'auto']).default('static'),
  autoRenderBelowChars: z.int().min(1).default(200),
  /** Also crawl the URLs of the sitemaps listed in robots.txt (else `/sitemap.xml`) of each start origin. */
  sitemaps: z.boolean().default(false),
  concurrency: z.int().min(1).max(64).default(4),
  /** Request starts per second to one host; a benchmark on 127.0.0.1 may lift it. */
  requestsPerSecond: z.number().positive().default(2),
  /** Respect robots.txt (RFC 9309). Crawlee's default is off; ours is on. */
  robots: z.boolean().default(true),
  /** Sent with every request and matched against robots.txt; say who you are and how to reach you. */
  userAgent: z.string().min(1).optional(),
  /** Further tries after a 429, a 5xx or a network error, with exponential backoff or the server's Retry-After. */
  retries: z.int().min(0).max(10).default(3),
  /** Pages larger than this (after decompression) are dropped as `page_too_large`. */
  maxPageBytes: z.int().positive().default(2 * MiB),
  /** Time for one page to answer, and again to be processed. */
  pageTimeoutSecs: z.number().positive().max(600).default(30),
  /** Per-site extraction: where the main content is (first match wins) and what else to strip. */
  selectors: z.strictObject({ content: z.array(cssSelector).optional(), remove: z.array(cssSelector).optional() }).optional(),
  /** The browser for 'browser' and 'auto'; else TUNESET_CHROMIUM, /usr/bin/chromium, or Playwright's own. */
  browserExecutable: z.string().min(1).optional(),
});

export type ScrapeOptions = z.output<typeof ScrapeOptionsSchema>;
