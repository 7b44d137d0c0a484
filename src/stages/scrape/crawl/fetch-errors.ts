import { NonRetryableError } from 'crawlee';
import type { Json } from '../../../pipeline/item.js';
import type { ScrapeDropCode } from '../drop-codes.js';

/**
 * A fetch outcome that retrying cannot fix (a redirect loop, a page over the size cap, a 404).
 * It is Crawlee's NonRetryableError, so the crawler skips its retries, and carries the drop code
 * the page gets in rejected.jsonl.
 */
export class PageFailure extends NonRetryableError {
  constructor(
    readonly code: ScrapeDropCode,
    message: string,
    readonly detail: Record<string, Json> = {},
  ) {
    super(message);
    this.name = 'PageFailure';
  }
}

/** A status worth another try (429, 5xx): Crawlee retries it; `delayMs` is how long the host should rest first. */
export class RetryableStatus extends Error {
  constructor(
    readonly status: number,
    readonly delayMs: number | undefined,
  ) {
    super(`HTTP ${status}`);
    this.name = 'RetryableStatus';
  }
}
