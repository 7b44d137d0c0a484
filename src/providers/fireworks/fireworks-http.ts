import { connectFailure } from '../../pipeline/connect-failure.js';
import type { HttpClientOptions } from '../http/http-options.js';
import { redactSecrets } from '../openai/redact.js';
import { apiError, FireworksUnreachableError, isRetryable, retryAfterMsOf } from './fireworks-errors.js';

/**
 * Fireworks' REST API over fetch (no SDK): bearer key, JSON or multipart bodies, errors in plain
 * words. Reads (GET) and DELETE are tried again on 408/429/5xx and lost connections, waiting what
 * the server asked; a POST is sent once, because the server may have committed it: the adapter
 * looks the object up before it tries again.
 */
export interface FireworksHttpOptions extends HttpClientOptions {
  /** `https://api.fireworks.ai`, no `/v1`. */
  baseURL: string;
  accountId: string;
  /** The backoff when the server asked for no wait is `retryBaseMs × 2^attempt`. @default 500 */
  retryBaseMs?: number;
}

export interface RequestSpec {
  method: 'GET' | 'POST' | 'DELETE';
  /** Below `/v1/accounts/{account}`: `/datasets`, `/supervisedFineTuningJobs/x`. */
  path: string;
  query?: Record<string, string | number | undefined>;
  json?: unknown;
  form?: FormData;
}

/** `fetch failed (other side closed)`: undici's message and, when there is one, its cause's. */
const failureText = (error: unknown): string => {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? error.cause.message : undefined;
  return cause && cause !== error.message ? `${error.message} (${cause})` : error.message;
};

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class FireworksHttp {
  constructor(readonly o: FireworksHttpOptions) {}

  get accountPath(): string {
    return `/v1/accounts/${encodeURIComponent(this.o.accountId)}`;
  }

  /** `accounts/<account>/datasets/<id>`: the resource name a job body takes. */
  resourceName(collection: string, id: string): string {
    return `accounts/${this.o.accountId}/${collection}/${id}`;
  }

  async request<T>(spec: RequestSpec): Promise<T> {
    const path = `${this.accountPath}${spec.path}`;
    const url = new URL(path, this.o.baseURL);
    for (const [k, v] of Object.entries(spec.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    const endpoint = `${spec.method} ${path}`;
    const retries = spec.method === 'POST' ? 0 : (this.o.maxRetries ?? 5);
    return (await this.retrying(retries, () => this.once(url, spec, endpoint))) as T;
  }

  /**
   * A file Fireworks points to by URL (a job's metrics file). The key goes only to the API's own
   * origin: a signed URL elsewhere (cloud storage) carries its own credential, and must not be
   * sent ours. A relative URL is taken against the API base.
   */
  async download(signedUrl: string, what: string): Promise<Buffer> {
    const url = new URL(signedUrl, this.o.baseURL);
    const sameOrigin = url.origin === new URL(this.o.baseURL).origin;
    const endpoint = `GET ${what}`;
    return this.retrying(this.o.maxRetries ?? 5, async () => {
      const response = await this.fetchOnce(url, { method: 'GET', headers: sameOrigin ? { authorization: `Bearer ${this.o.apiKey}` } : {} }, endpoint);
      const bytes = Buffer.from(await response.arrayBuffer());
      if (!response.ok) throw apiError(endpoint, response.status, bytes.toString('utf8'), response.headers, this.o.secrets);
      return bytes;
    });
  }

  /** Tries `attempt` again on 408/429/5xx and lost connections, waiting what the server asked, else a doubling backoff. */
  private async retrying<T>(retries: number, attempt: () => Promise<T>): Promise<T> {
    for (let n = 0; ; n++) {
      try {
        return await attempt();
      } catch (error) {
        if (n >= retries || !isRetryable(error)) throw error;
        await (this.o.sleep ?? defaultSleep)(retryAfterMsOf(error) ?? (this.o.retryBaseMs ?? 500) * 2 ** n);
      }
    }
  }

  private async once(url: URL, spec: RequestSpec, endpoint: string): Promise<unknown> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.o.apiKey}`, accept: 'application/json' };
    let body: string | FormData | undefined;
    if (spec.form) body = spec.form;
    else if (spec.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(spec.json);
    }
    const response = await this.fetchOnce(url, { method: spec.method, headers, ...(body === undefined ? {} : { body }) }, endpoint);
    const text = await response.text();
    if (!response.ok) throw apiError(endpoint, response.status, text, response.headers, this.o.secrets);
    if (text.trim() === '') return {};
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new FireworksUnreachableError(endpoint, `the answer was not JSON: ${redactSecrets(text.slice(0, 200), this.o.secrets)}`);
    }
  }

  private async fetchOnce(url: URL, init: RequestInit, endpoint: string): Promise<Response> {
    try {
      return await (this.o.fetch ?? globalThis.fetch)(url, { ...init, signal: AbortSignal.timeout(this.o.timeoutMs ?? 120_000) });
    } catch (error) {
      const reason = connectFailure(error, url.href) ?? failureText(error);
      throw new FireworksUnreachableError(endpoint, redactSecrets(`${reason} (${url.origin})`, this.o.secrets), { cause: error });
    }
  }
}
