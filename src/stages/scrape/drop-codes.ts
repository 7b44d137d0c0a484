/** Why a URL yields no page. `detail.attempts` counts the tries; `message` says what happened. */
export const SCRAPE_DROP_CODES = {
  robots_disallowed: 'robots.txt disallows the URL (never requested) or a redirect target; detail names the robots.txt and why, when it could not be fetched',
  not_found: 'the server answered 404 or 410; detail `change: removed` when the last crawl had the page',
  http_error: 'any other error status, after the retries for 429 and 5xx; detail: the status',
  redirect_loop: 'a redirect chain that comes back to a URL it visited; detail: the chain',
  too_many_redirects: 'more than 10 redirects in a row; detail: the chain',
  page_too_large: 'the page, after decompression, is over `maxPageBytes`; detail: the cap',
  timeout: 'no answer within `pageTimeoutSecs`, after the retries',
  fetch_failed: 'a network error (refused, reset, DNS) after the retries',
  unsupported_content_type: 'the page is not HTML; detail: the content type',
  empty_page: 'no text in the main content after extraction',
  duplicate_url: 'a redirect to a page already crawled; detail: the page it is the same as',
} as const;

export type ScrapeDropCode = keyof typeof SCRAPE_DROP_CODES;
