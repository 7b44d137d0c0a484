import OpenAI from 'openai';
import { TunesetError } from '../../pipeline/errors.js';
import { retryAfterMsFrom } from '../http/retry-after.js';
import { redactSecrets } from './redact.js';

/** The same statuses the SDK itself retries (openai-api.md §5.5), and connection failures. */
export const isRetryable = (error: unknown): boolean => {
  if (error instanceof OpenAI.APIConnectionError) return true;
  if (error instanceof OpenAI.APIError && typeof error.status === 'number') {
    if (error.code === 'insufficient_quota') return false;
    return error.status === 408 || error.status === 409 || error.status === 429 || error.status >= 500;
  }
  return false;
};

/** What the server asked us to wait (retry-after-ms, else retry-after seconds), if it did and it is sane. */
export const retryAfterMs = (error: unknown): number | undefined =>
  error instanceof OpenAI.APIError && error.headers ? retryAfterMsFrom(error.headers) : undefined;

/** No connection to the API could be made (refused, unknown host, TLS): says where it tried. */
export class ApiUnreachableError extends TunesetError {
  override name = 'ApiUnreachableError';
  constructor(
    readonly baseURL: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`could not reach the API at ${baseURL}: ${reason}`, options);
  }
}

/** The ApiUnreachableError behind an SDK connection error, if that is what it was. */
export const unreachableCause = (error: unknown): ApiUnreachableError | undefined => {
  if (error instanceof ApiUnreachableError) return error;
  return error instanceof OpenAI.APIConnectionError && error.cause instanceof ApiUnreachableError ? error.cause : undefined;
};

/** An error's message for a warning line: where the API could not be reached rather than the SDK's "Connection error.". */
export const apiErrorText = (error: unknown, secrets: readonly (string | undefined)[] = []): string =>
  redactSecrets(unreachableCause(error)?.message ?? (error instanceof Error ? error.message : String(error)), secrets);

const plainWords: Record<number, string> = {
  401: 'the API key was refused',
  403: 'this key or organisation may not use this endpoint or model',
  404: 'not found',
  429: 'rate limited or out of quota',
};

/**
 * An SDK error as a TunesetError whose message says what was being done, the status in plain words
 * and the request id, with every secret removed.
 */
export const describeApiError = (doing: string, error: unknown, secrets: readonly (string | undefined)[]): TunesetError => {
  // Nothing was done if nothing was reached: where it tried and why is the whole story.
  const unreachable = unreachableCause(error);
  if (unreachable) return new TunesetError(redactSecrets(unreachable.message, secrets), { cause: error });
  if (error instanceof OpenAI.APIError) {
    const status = typeof error.status === 'number' ? `${error.status}${plainWords[error.status] ? ` (${plainWords[error.status]})` : ''}` : 'no response';
    const request = error.requestID ? ` [request ${error.requestID}]` : '';
    // The SDK's message already starts with the status ("400 Job has ..."); say it once.
    const message = error.message.replace(/^\d{3} /, '');
    return new TunesetError(redactSecrets(`${doing} failed: ${status}: ${message}${request}`, secrets), { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new TunesetError(redactSecrets(`${doing} failed: ${message}`, secrets), { cause: error });
};
