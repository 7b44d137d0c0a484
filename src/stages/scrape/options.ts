import { load } from 'cheerio/slim';
import { z } from 'zod';

const MiB = 1024 * 1024;

/** Kinds of asset a render does not need for its text: not fetched unless `fetchAssets` lists them. */
export const OPTIONAL_ASSETS = ['image', 'font', 'media'] as const;
export type OptionalAsset = (typeof OPTIONAL_ASSETS)[number];

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
  startUrls: z
    .array(z.url({ protocol: /^https?$/ }))
    .default([])
    .describe('Where the crawl starts; `--input URL` (repeatable) replaces them.'),
  include: z
    .array(z.string().min(1))
    .optional()
    .meta({ description: 'Globs over normalised URLs (`http://host/guide/**`) that are in scope.', whenAbsent: "the start URLs' origins" }),
  exclude: z.array(z.string().min(1)).default([]).describe('Globs over normalised URLs that are never crawled, in scope or not.'),
  maxPages: z.int().positive().default(1000).describe('Pages the crawl requests at most (start URLs, links and sitemap entries together).'),
  maxDepth: z
    .int()
    .min(0)
    .optional()
    .meta({ description: 'Link hops from a start URL or sitemap entry (0: only those).', whenAbsent: 'no limit' }),
  render: z
    .enum(['static', 'browser', 'auto'])
    .default('static')
    .describe(
      "'static': fetch HTML with Crawlee's CheerioCrawler. 'browser': render every page in chromium with PlaywrightCrawler. " +
        "'auto': fetch statically and render in the browser only the pages whose static text is shorter than `autoRenderBelowChars` and that carry a script.",
    ),
  autoRenderBelowChars: z.int().min(1).default(200).describe("With `render: 'auto'`: pages with less static text than this (and a script) are rendered."),
  sitemaps: z.boolean().default(false).describe('Also crawl the URLs of the sitemaps listed in robots.txt (else `/sitemap.xml`) of each start origin.'),
  concurrency: z.int().min(1).max(64).default(4).describe('Pages fetched at once.'),
  requestsPerSecond: z.number().positive().default(2).describe('Request starts per second to one host; a benchmark on 127.0.0.1 may lift it.'),
  robots: z.boolean().default(true).describe("Respect robots.txt (RFC 9309). Crawlee's default is off; ours is on."),
  userAgent: z
    .string()
    .min(1)
    .optional()
    .meta({ description: 'Sent with every request and matched against robots.txt; say who you are and how to reach you.', whenAbsent: '`tuneset (pipeline <name>)`' }),
  retries: z
    .int()
    .min(0)
    .max(10)
    .default(3)
    .describe("Further tries after a 429, a 5xx or a network error, with exponential backoff or the server's Retry-After."),
  maxPageBytes: z.int().positive().default(2 * MiB).describe('Pages larger than this (after decompression) are dropped as `page_too_large`.'),
  pageTimeoutSecs: z.number().positive().max(600).default(30).describe('Time for one page to answer, and again to be processed.'),
  selectors: z
    .strictObject({
      content: z
        .array(cssSelector)
        .optional()
        .meta({ description: 'CSS selectors of the main content; the first that matches wins.', whenAbsent: '`main`, `[role=main]`, `article`, `body`' }),
      remove: z.array(cssSelector).optional().describe('CSS selectors of elements to strip besides navigation, footers, banners and the like.'),
    })
    .optional()
    .describe('Per-site extraction: where the main content is and what else to strip.'),
  fetchAssets: z
    .array(z.enum(OPTIONAL_ASSETS))
    .default([])
    .describe(
      "With 'browser' and 'auto': what a rendered page may fetch besides its stylesheets, scripts and XHR/fetch calls ('image', 'font', 'media'). " +
        'Those not listed are aborted unfetched; every asset that is fetched is fetched once per crawl, politely, and shared by all pages.',
    ),
  browserExecutable: z
    .string()
    .min(1)
    .optional()
    .meta({ description: "The browser for 'browser' and 'auto'.", whenAbsent: "TUNESET_CHROMIUM, /usr/bin/chromium, or Playwright's own" }),
});

export type ScrapeOptions = z.output<typeof ScrapeOptionsSchema>;
