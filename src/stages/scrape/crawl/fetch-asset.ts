import type { IncomingHttpHeaders } from 'node:http';
import type { RobotsDecision } from '../polite/robots.js';
import { parseRetryAfter } from '../polite/retry-after.js';
import type { Asset, AssetRefusal } from './asset-cache.js';
import type { NodeHttpClient } from './node-http-client.js';

export interface FetchAssetDeps {
  /** The crawl's client: its redirect hook checks robots.txt and takes the host's slot for each hop. */
  http: NodeHttpClient;
  robotsDecision(url: string): Promise<RobotsDecision>;
  /** Waits for the host's next request slot (the crawl's per-host pace). */
  acquire(url: string): Promise<void>;
  /** The host asked us to rest (429/503 with Retry-After). */
  delayHost(url: string, ms: number): void;
  userAgent: string;
  timeoutMs: number;
}

// Our client decodes the body and sends it whole: these would describe bytes chromium never gets.
const DROPPED_HEADERS = new Set(['content-encoding', 'content-length', 'transfer-encoding', 'connection', 'keep-alive', 'set-cookie']);

/**
 * One asset request of a render, made like a page request: robots.txt asked first, the host's pace
 * kept, our User-Agent sent. Whatever status comes back is what the page's script gets; a 429 or
 * 503 with Retry-After also rests the host, as it would for a page.
 */
export const fetchAsset = async (deps: FetchAssetDeps, url: string): Promise<Asset | AssetRefusal> => {
  if ((await deps.robotsDecision(url)) === 'disallowed') return 'disallowed';
  await deps.acquire(url);
  const response = await deps.http.sendRequest({
    url,
    headers: { 'user-agent': deps.userAgent, accept: '*/*' },
    responseType: 'buffer',
    timeout: { request: deps.timeoutMs },
  });
  const status = response.statusCode;
  if (status === 429 || status === 503) {
    const wait = parseRetryAfter(first(response.headers['retry-after']), new Date());
    if (wait !== undefined) deps.delayHost(url, wait);
  }
  return { status, headers: forChromium(response.headers), body: response.body };
};

const first = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);

const forChromium = (headers: IncomingHttpHeaders): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || DROPPED_HEADERS.has(name)) continue;
    out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
};
