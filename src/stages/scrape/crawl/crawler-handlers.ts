import type { Request } from 'crawlee';

/** Whether a response finished its request, or moved it to the browser ('auto' rendering). */
export type ResponseOutcome = 'done' | 'handed-off';

/** What both Crawlee crawlers call back into the crawl for. */
export interface CrawlerHandlers {
  /** Before each request: waits for the host's next slot (per-host rate limit and backoff). */
  beforeRequest(request: Request): Promise<void>;
  /** A try failed and Crawlee will try again: decide the backoff, or forbid the retry. */
  onRetry(request: Request, error: Error): void;
  /** The request failed for good. */
  onFailed(request: Request, error: Error): Promise<void>;
  /** The request is finished. */
  settle(): void;
}
