import type { Json } from '../../../pipeline/item.js';
import type { ScrapeDropCode } from '../drop-codes.js';
import { PageFailure, RetryableStatus } from './fetch-errors.js';

export interface FailureClass {
  /** The drop code in rejected.jsonl. */
  code: ScrapeDropCode;
  detail: Record<string, Json>;
  status?: number;
  /** Before a retry: how long the host should rest (undefined: exponential backoff), or 'never' to stop trying. */
  retryAfterMs: number | undefined | 'never';
}

/**
 * Names what went wrong with a request, from our own errors (PageFailure, RetryableStatus) or from
 * what Crawlee, Node or chromium threw (timeouts, refused connections, redirect loops in the browser).
 */
export const classifyFailure = (error: Error): FailureClass => {
  if (error instanceof PageFailure) {
    const status = typeof error.detail['status'] === 'number' ? error.detail['status'] : undefined;
    return { code: error.code, detail: { ...error.detail, message: error.message }, ...(status !== undefined ? { status } : {}), retryAfterMs: 'never' };
  }
  if (error instanceof RetryableStatus) {
    return { code: 'http_error', detail: { status: error.status, message: error.message }, status: error.status, retryAfterMs: error.delayMs };
  }
  const message = error.message.split('\n')[0] ?? '';
  if (/ERR_TOO_MANY_REDIRECTS/.test(message)) return { code: 'redirect_loop', detail: { message }, retryAfterMs: 'never' };
  if (/timed? ?out|ETIMEDOUT|Timeout/i.test(message)) return { code: 'timeout', detail: { message }, retryAfterMs: undefined };
  return { code: 'fetch_failed', detail: { message }, retryAfterMs: undefined };
};
