import { ApiError } from './api-error.js';
import type { FaultSpec } from './faults.js';

/**
 * The answers fault switches give, shaped like api.openai.com's (openai-api.md §5.4), with the
 * retry headers the SDK reads: `retry-after-ms` wins over `retry-after`; `x-should-retry`
 * overrides its status-based decision.
 */
const retryHeaders = (spec: FaultSpec): Record<string, string> => {
  const ms = spec.retryAfterMs ?? 0;
  const headers: Record<string, string> = { 'retry-after-ms': String(ms), 'retry-after': String(Math.ceil(ms / 1000)) };
  if (spec.shouldRetry !== undefined) headers['x-should-retry'] = String(spec.shouldRetry);
  return headers;
};

export const faultError = (spec: FaultSpec): ApiError => {
  const headers = retryHeaders(spec);
  switch (spec.kind) {
    case 'rate_limit':
      return new ApiError(
        429,
        spec.message ??
          'Rate limit reached for requests in organization org-fake on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 0ms.',
        'requests',
        null,
        spec.code ?? 'rate_limit_exceeded',
        headers,
      );
    case 'quota':
      return new ApiError(
        429,
        spec.message ?? 'You exceeded your current quota, please check your plan and billing details.',
        'insufficient_quota',
        null,
        spec.code ?? 'insufficient_quota',
        { ...(spec.shouldRetry === undefined ? {} : { 'x-should-retry': String(spec.shouldRetry) }) },
      );
    case 'server_error':
      return new ApiError(500, spec.message ?? 'The server had an error while processing your request. Sorry about that!', 'server_error', null, spec.code ?? null, headers);
    default: {
      const status = spec.status ?? 500;
      return new ApiError(status, spec.message ?? `Injected fault: HTTP ${status}`, status >= 500 ? 'server_error' : 'invalid_request_error', null, spec.code ?? null, headers);
    }
  }
};
