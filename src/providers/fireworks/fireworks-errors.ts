import { TunesetError } from '../../pipeline/errors.js';
import { retryAfterMsFrom } from '../http/retry-after.js';
import { redactSecrets } from '../openai/redact.js';

/**
 * Errors of Fireworks' REST API in plain words: which endpoint, what status, what Fireworks said.
 * Every message goes through redactSecrets with the keys of the environment, so a key echoed back
 * in an error body never reaches a log, a report or train-state.json.
 */

const PLAIN_WORDS: Record<number, string> = {
  400: 'the request was refused',
  401: 'the API key was refused',
  403: 'this key may not use this account or resource',
  404: 'not found',
  409: 'it already exists',
  412: 'the account is suspended or not ready',
  429: 'rate limited or over the spend limit',
};

/** Fireworks answered with an error status. */
export class FireworksApiError extends TunesetError {
  override name = 'FireworksApiError';
  constructor(
    /** `POST /v1/accounts/acme/datasets`: method and path, never the query or a signed URL's signature. */
    readonly endpoint: string,
    readonly status: number,
    /** Fireworks' own message, redacted. */
    readonly apiMessage: string,
    /** The gRPC status name or number Fireworks sent (`ALREADY_EXISTS`, 6), if any. */
    readonly code: string | null,
    /** What the server asked us to wait (retry-after-ms, else retry-after seconds), capped at a minute. */
    readonly retryAfterMs: number | undefined,
  ) {
    const words = PLAIN_WORDS[status] ?? (status >= 500 ? 'a server error' : undefined);
    super(`Fireworks ${endpoint} answered ${status}${words ? ` (${words})` : ''}: ${apiMessage}`);
  }
}

/** No answer came: the connection was refused, reset or timed out. */
export class FireworksUnreachableError extends TunesetError {
  override name = 'FireworksUnreachableError';
  constructor(
    readonly endpoint: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`Fireworks ${endpoint}: no answer (${reason})`, options);
  }
}

/** The same statuses the OpenAI SDK retries (408, 409 excepted here, 429, 5xx) and lost connections. */
export const isRetryable = (error: unknown): boolean => {
  if (error instanceof FireworksUnreachableError) return true;
  if (!(error instanceof FireworksApiError)) return false;
  // A 409 from Fireworks means the id is taken, which waiting does not change: callers handle it.
  return error.status === 408 || error.status === 429 || error.status >= 500;
};

export const retryAfterMsOf = (error: unknown): number | undefined => (error instanceof FireworksApiError ? error.retryAfterMs : undefined);

/**
 * Fireworks' message from an error body. The control plane is a gRPC gateway (`{code, message,
 * details}`), inference speaks OpenAI's envelope (`{error: {message, code, type}}`), and some
 * answers carry `{error: "text"}`; anything else is shown as text, cut to 500 characters.
 */
export const errorBodyMessage = (text: string): { message: string; code: string | null } => {
  try {
    const body = JSON.parse(text) as unknown;
    if (body && typeof body === 'object') {
      const b = body as { error?: unknown; message?: unknown; code?: unknown };
      const codeOf = (c: unknown) => (typeof c === 'string' || typeof c === 'number' ? String(c) : null);
      if (b.error && typeof b.error === 'object') {
        const e = b.error as { message?: unknown; code?: unknown };
        if (typeof e.message === 'string') return { message: e.message, code: codeOf(e.code) };
      }
      if (typeof b.error === 'string') return { message: b.error, code: codeOf(b.code) };
      if (typeof b.message === 'string') return { message: b.message, code: codeOf(b.code) };
    }
  } catch {
    // not JSON: the text itself
  }
  const trimmed = text.trim();
  return { message: trimmed === '' ? '(no message)' : trimmed.slice(0, 500), code: null };
};

export const apiError = (endpoint: string, status: number, text: string, headers: Headers, secrets: readonly (string | undefined)[]): FireworksApiError => {
  const { message, code } = errorBodyMessage(text);
  return new FireworksApiError(endpoint, status, redactSecrets(message, secrets), code, retryAfterMsFrom(headers));
};

/** A 409 ALREADY_EXISTS: the id we chose is taken, in this account, by what an earlier run made. */
export const isAlreadyExists = (error: unknown): boolean => error instanceof FireworksApiError && error.status === 409;

export const isNotFound = (error: unknown): boolean => error instanceof FireworksApiError && error.status === 404;
