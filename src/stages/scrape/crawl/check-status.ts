import { isRetryableStatus, parseRetryAfter } from '../polite/retry-after.js';
import { PageFailure, RetryableStatus } from './fetch-errors.js';

/**
 * What a status means for the page: 2xx and 304 go on; 404/410 are gone for good; 429 and
 * transient 5xx are tried again (after the server's Retry-After, if it sent one); anything else
 * is a failure that retrying will not change.
 */
export const checkStatus = (status: number, retryAfter: string | string[] | undefined, url: string): void => {
  if ((status >= 200 && status < 300) || status === 304) return;
  if (status === 404 || status === 410) throw new PageFailure('not_found', `${url} answered ${status}`, { status });
  if (isRetryableStatus(status)) {
    const value = Array.isArray(retryAfter) ? retryAfter[0] : retryAfter;
    throw new RetryableStatus(status, parseRetryAfter(value, new Date()));
  }
  throw new PageFailure('http_error', `${url} answered ${status}`, { status });
};
