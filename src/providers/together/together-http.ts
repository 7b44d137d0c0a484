import { TunesetError } from '../../pipeline/errors.js';
import { retryAfterDateMs, retryAfterMsFrom } from '../http/retry-after.js';
import type { HttpClientOptions } from '../http/http-options.js';
import { redactSecrets } from '../openai/redact.js';

/**
 * Together's REST API over plain fetch (no SDK): bearer auth, JSON or multipart bodies, and errors
 * that name the endpoint, the status and Together's own message with every secret removed. Reads
 * are retried (429, 408, 409, 5xx, dropped connections), waiting what Retry-After asks; creates go
 * out once, because the server may have committed a request whose answer was lost, and the caller
 * looks the object up before trying again.
 */
export type TogetherHttpOptions = HttpClientOptions;

const plainWords: Record<number, string> = {
  400: 'the request was refused',
  401: 'the API key was refused',
  403: 'this key may not use this endpoint or model',
  404: 'not found',
  429: 'rate limited',
};

/** A failed call to Together: `status` null when no answer came (refused, reset, timed out). */
export class TogetherApiError extends TunesetError {
  override name = 'TogetherApiError';
  constructor(
    message: string,
    readonly status: number | null,
    /** What the server asked us to wait, from Retry-After (or retry-after-ms). */
    readonly retryAfterMs: number | undefined,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export const isRetryableStatus = (status: number | null): boolean =>
  status === null || status === 408 || status === 409 || status === 429 || status >= 500;

/** Retry-After in seconds or as an HTTP date; retry-after-ms first where a proxy (or our fake) sends it. */
export const parseRetryAfter = (headers: Headers, nowMs = Date.now()): number | undefined => retryAfterMsFrom(headers) ?? retryAfterDateMs(headers, nowMs);

/** Together's error body is `{error: {message, type, param, code}}`; older answers put `message` at the top. */
const providerMessage = (text: string): string => {
  try {
    const body = JSON.parse(text) as { error?: { message?: unknown } | string; message?: unknown };
    if (typeof body.error === 'object' && typeof body.error?.message === 'string') return body.error.message;
    if (typeof body.error === 'string') return body.error;
    if (typeof body.message === 'string') return body.message;
  } catch {
    // Not JSON: a proxy's page, say; its first words still help.
  }
  return text.trim().slice(0, 300) || '(no message)';
};

export interface TogetherRequest {
  method: 'GET' | 'POST' | 'DELETE';
  /** Below the base URL: `/fine-tunes/ft-…/events`. */
  path: string;
  json?: unknown;
  form?: FormData;
  /** Creates: one attempt only. */
  once?: boolean;
}

const backoffMs = (attempt: number) => Math.min(8_000, 500 * 2 ** attempt);

export class TogetherHttp {
  constructor(readonly o: TogetherHttpOptions) {}

  /** The answer's body as text (JSON endpoints) or bytes (file content). */
  async send(r: TogetherRequest): Promise<Response> {
    const retries = r.once ? 0 : (this.o.maxRetries ?? 5);
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.attempt(r);
      } catch (error) {
        if (!(error instanceof TogetherApiError) || attempt >= retries || !isRetryableStatus(error.status)) throw error;
        await (this.o.sleep ?? defaultSleep)(error.retryAfterMs ?? backoffMs(attempt));
      }
    }
  }

  async json<T>(r: TogetherRequest): Promise<T> {
    const res = await this.send(r);
    const text = await res.text();
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new TogetherApiError(this.clean(`Together ${r.method} ${this.o.baseURL}${r.path} answered ${res.status} with a body that is not JSON: ${text.slice(0, 200)}`), res.status, undefined);
    }
  }

  private clean(text: string): string {
    return redactSecrets(text, this.o.secrets);
  }

  private async attempt(r: TogetherRequest): Promise<Response> {
    const url = `${this.o.baseURL}${r.path}`;
    const headers: Record<string, string> = { authorization: `Bearer ${this.o.apiKey}`, accept: 'application/json' };
    const init: RequestInit = { method: r.method, headers, signal: AbortSignal.timeout(this.o.timeoutMs ?? 120_000) };
    if (r.form) init.body = r.form;
    else if (r.json !== undefined) {
      headers['content-type'] = 'application/json';
      init.body = JSON.stringify(r.json);
    }
    let res: Response;
    try {
      res = await (this.o.fetch ?? fetch)(url, init);
    } catch (error) {
      const cause = error as { message?: string; cause?: { code?: string; message?: string } };
      const reason = cause.cause?.code ?? cause.cause?.message ?? cause.message ?? String(error);
      throw new TogetherApiError(this.clean(`could not reach Together for ${r.method} ${url}: ${reason}`), null, undefined, { cause: error });
    }
    if (res.ok) return res;
    const text = await res.text().catch(() => '');
    const words = plainWords[res.status] ? ` (${plainWords[res.status]})` : '';
    throw new TogetherApiError(this.clean(`Together ${r.method} ${url} failed: ${res.status}${words}: ${providerMessage(text)}`), res.status, parseRetryAfter(res.headers));
  }
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
