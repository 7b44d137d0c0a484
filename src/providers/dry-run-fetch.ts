import { createHash } from 'node:crypto';
import type { ProviderDefinition } from './provider.js';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

// Every provider's credential headers: OpenAI, Together, Fireworks and Nebius send a bearer
// Authorization, Azure an api-key; any x-api-key a provider may use is covered too.
const SECRET_HEADERS = new Set(['authorization', 'api-key', 'x-api-key']);

const describeBody = async (body: unknown): Promise<unknown> => {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') {
    try {
      return JSON.parse(body) as unknown;
    } catch {
      return body;
    }
  }
  if (body instanceof FormData) {
    const parts: Record<string, unknown> = {};
    for (const [name, value] of body.entries()) {
      if (typeof value === 'string') parts[name] = value;
      else {
        const bytes = Buffer.from(await value.arrayBuffer());
        parts[name] = { filename: value.name, type: value.type, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
      }
    }
    return { multipart: parts };
  }
  if (body instanceof Uint8Array || body instanceof ArrayBuffer) {
    const bytes = Buffer.from(body instanceof ArrayBuffer ? new Uint8Array(body) : body);
    return { bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
  }
  return `[${Object.prototype.toString.call(body)}]`;
};

const json = (value: unknown, status = 200) => new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json' } });

/**
 * A fetch that creates nothing, so a provider's real training code path runs to its end and shows
 * every request it would make. A request that would change something (anything but GET) is never
 * sent: it is recorded (credential headers redacted) and answered by the provider definition's
 * `dryRunAnswer`, in that provider's shape. A GET, a read-only lookup of what an earlier attempt
 * made, is sent through `lookups` (the real fetch, with the real key) when given and listed in
 * `lookedUp`; without it, it is answered with the provider's `emptyList`, as an empty account would.
 */
export const dryRunFetch = (provider: Pick<ProviderDefinition, 'dryRunAnswer' | 'emptyList'>, model: string, lookups?: typeof globalThis.fetch) => {
  const requests: RecordedRequest[] = [];
  const lookedUp: { method: string; url: string }[] = [];
  const fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    // The OpenAI SDK probes FormData support with a local `data:` fetch; that is no request to the API.
    if (url.startsWith('data:')) return globalThis.fetch(input, init);
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    const path = new URL(url).pathname;
    if (method === 'GET') {
      if (lookups) {
        lookedUp.push({ method, url });
        return lookups(input, init);
      }
      return json(provider.emptyList(path));
    }
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((v, k) => {
      // The SDK's platform headers (x-stainless-*) say nothing about the request itself.
      if (!k.startsWith('x-stainless-')) headers[k] = SECRET_HEADERS.has(k) ? '[REDACTED]' : v;
    });
    const body = await describeBody(init?.body);
    requests.push({ method, url, headers, body });
    return json(provider.dryRunAnswer({ method, path, body }, model) ?? {});
  };
  return { fetch: fetch as typeof globalThis.fetch, requests, lookedUp };
};
