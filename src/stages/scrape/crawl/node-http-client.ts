import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { pipeline, Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { BaseHttpClient, HttpRequest, HttpResponse, RedirectHandler, ResponseTypes, StreamingHttpResponse } from 'crawlee';
import { PageFailure } from './fetch-errors.js';

export interface NodeHttpClientOptions {
  /** Bytes a body may have after decompression; past it the fetch fails as `page_too_large`. */
  maxBodyBytes: number;
  /** Sockets kept per host: the crawl's concurrency. */
  maxSockets: number;
  /** @default 10 */
  maxRedirects?: number;
  /** Before each redirect hop: may throw (robots.txt disallows the target) or wait (per-host pacing). */
  beforeRedirect?: (url: string) => Promise<void>;
}

type Headers = Record<string, string | string[] | undefined>;

/**
 * Crawlee's HTTP client interface on node:http with keep-alive sockets. Crawlee's default client
 * (got-scraping) generates browser-like headers per request, which costs time and hides who we are;
 * this one sends exactly the headers the crawl sets (our User-Agent, conditional headers), follows
 * redirects itself so a loop is named as one, and enforces the page-size cap while streaming.
 */
export class NodeHttpClient implements BaseHttpClient {
  private readonly http: HttpAgent;
  private readonly https: HttpsAgent;
  private readonly maxRedirects: number;

  constructor(private readonly options: NodeHttpClientOptions) {
    this.http = new HttpAgent({ keepAlive: true, maxSockets: options.maxSockets });
    this.https = new HttpsAgent({ keepAlive: true, maxSockets: options.maxSockets });
    this.maxRedirects = options.maxRedirects ?? 10;
  }

  async sendRequest<T extends keyof ResponseTypes = 'text'>(request: HttpRequest<T>): Promise<HttpResponse<T>> {
    const response = await this.stream(request as HttpRequest);
    const chunks: Buffer[] = [];
    for await (const chunk of response.stream) chunks.push(chunk as Buffer);
    const buffer = Buffer.concat(chunks);
    const type = request.responseType ?? 'text';
    const body = type === 'buffer' ? buffer : type === 'json' ? (JSON.parse(buffer.toString('utf8')) as unknown) : buffer.toString('utf8');
    const { stream: _s, ...rest } = response;
    return { ...rest, request, body } as HttpResponse<T>;
  }

  async stream(request: HttpRequest, onRedirect?: RedirectHandler): Promise<StreamingHttpResponse> {
    const redirectUrls: URL[] = [];
    const seen = new Set<string>();
    let url = new URL(String(request.url));
    let headers: Headers = { ...request.headers };
    for (;;) {
      seen.add(url.href);
      const res = await this.once(url, request, headers);
      const status = res.statusCode ?? 0;
      const location = res.headers.location;
      if (status >= 300 && status < 400 && status !== 304 && location && request.followRedirect !== false) {
        res.resume();
        const next = new URL(location, url);
        if (seen.has(next.href)) {
          throw new PageFailure('redirect_loop', `redirect loop: ${[...seen, next.href].join(' -> ')}`, { chain: [...seen, next.href] });
        }
        if (redirectUrls.length >= this.maxRedirects) {
          throw new PageFailure('too_many_redirects', `more than ${this.maxRedirects} redirects from ${String(request.url)}`, { chain: [...seen, next.href] });
        }
        await this.options.beforeRedirect?.(next.href);
        redirectUrls.push(next);
        const updated = { url: next, headers: { ...headers } };
        onRedirect?.({ redirectUrls, url: url.href, statusCode: status, headers: res.headers, trailers: {}, complete: true }, updated);
        url = next;
        headers = updated.headers;
        continue;
      }
      return this.toResponse(res, url, redirectUrls, request);
    }
  }

  private once(url: URL, request: HttpRequest, headers: Headers): Promise<IncomingMessage> {
    const timeoutMs = request.timeout && 'request' in request.timeout ? request.timeout.request : undefined;
    return new Promise((resolve, reject) => {
      const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
      const req = send(url, {
        method: (request.method ?? 'GET').toUpperCase(),
        agent: url.protocol === 'https:' ? this.https : this.http,
        headers: { 'accept-encoding': 'gzip, deflate, br', ...withoutUndefined(headers) },
        ...(request.signal ? { signal: request.signal } : {}),
      });
      if (timeoutMs) req.setTimeout(timeoutMs, () => req.destroy(new PageFailure('timeout', `no response from ${url.href} within ${timeoutMs} ms`)));
      req.on('response', resolve);
      req.on('error', reject);
      req.end();
    });
  }

  private toResponse(res: IncomingMessage, url: URL, redirectUrls: URL[], request: HttpRequest): StreamingHttpResponse {
    const max = this.options.maxBodyBytes;
    const declared = Number(res.headers['content-length']);
    if (Number.isFinite(declared) && declared > max && !res.headers['content-encoding']) {
      res.destroy();
      throw new PageFailure('page_too_large', `${url.href} is ${declared} bytes, over the cap of ${max}`, { bytes: declared, cap: max });
    }
    const stream = capBytes(max, url.href);
    const decoder = decoderFor(res.headers['content-encoding']);
    // pipeline destroys every stream with the first error (a reset socket, a corrupt gzip), so the
    // reader of `stream` sees it instead of waiting for an end that never comes.
    pipeline(decoder ? [res, decoder, stream] : [res, stream], () => undefined);
    const progress = { percent: 0, transferred: 0 };
    return {
      stream,
      request,
      redirectUrls,
      url: url.href,
      statusCode: res.statusCode ?? 0,
      ...(res.statusMessage ? { statusMessage: res.statusMessage } : {}),
      headers: res.headers,
      trailers: {},
      complete: false,
      downloadProgress: progress,
      uploadProgress: progress,
    };
  }
}

const withoutUndefined = (headers: Headers): Record<string, string | string[]> =>
  Object.fromEntries(Object.entries(headers).filter((e): e is [string, string | string[]] => e[1] !== undefined));

const decoderFor = (contentEncoding: string | undefined): Transform | undefined => {
  const encoding = (contentEncoding ?? '').trim().toLowerCase();
  return encoding === 'gzip' || encoding === 'x-gzip' ? createGunzip() : encoding === 'deflate' ? createInflate() : encoding === 'br' ? createBrotliDecompress() : undefined;
};

/** Fails the stream once more than `max` bytes went through: a huge page never sits whole in memory. */
const capBytes = (max: number, url: string): Transform => {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      seen += chunk.length;
      if (seen > max) done(new PageFailure('page_too_large', `${url} is over the cap of ${max} bytes`, { cap: max }));
      else done(null, chunk);
    },
  });
};
