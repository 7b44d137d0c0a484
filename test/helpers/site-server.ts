import { performance } from 'node:perf_hooks';
// A local documentation website for crawler tests: fixtures/site/ served over node:http on 127.0.0.1,
// plus the dynamic cases (redirects, a loop, first-request failures, an oversized page). Every
// request is logged so tests can assert what a crawler fetched, and pages can be changed or removed
// between crawls to test re-crawling. fixtures/site/README.md lists every URL and what it exercises.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { isNotModified, statusPage } from './site-http.js';
import { readSiteFiles, SitePages } from './site-pages.js';
import { BIG_PAGE_PATH, bigPageHtml, DEFAULT_BIG_PAGE_BYTES, FAIL_FIRST, REDIRECTS } from './site-routes.js';

export { DEFAULT_BIG_PAGE_BYTES } from './site-routes.js';

export const SITE_ROOT = join(import.meta.dirname, '..', '..', 'fixtures', 'site');

export interface SiteRequest {
  method: string;
  /** Path and query exactly as requested (a fragment never reaches a server). */
  path: string;
  status: number;
  /** The request's headers, lower-case names (if-none-match, if-modified-since, user-agent, …). */
  headers: Record<string, string | undefined>;
  /** When the request arrived (performance.now()), to check pacing and Retry-After. */
  at: number;
}

export interface SiteServer {
  /** 'http://127.0.0.1:<port>' */
  origin: string;
  url(path: string): string;
  /** Every request in arrival order, including robots.txt and sitemap.xml. */
  log: SiteRequest[];
  /** Log entries whose path and query equal `path` exactly. */
  requests(path: string): SiteRequest[];
  /** Log entries for a pathname with any query string: '/guide/install.html' also matches '?utm_source=…'. */
  requestsIgnoringQuery(pathname: string): SiteRequest[];
  /** A page's current text as served, `{{origin}}` already substituted; throws for an unknown page. */
  page(path: string): string;
  /** Replaces or adds a page ('guide/install.html'); `{{origin}}` is substituted; it gets a new ETag and a later Last-Modified. */
  setPage(path: string, html: string): void;
  /** Deletes a page: 404 from then on. */
  removePage(path: string): void;
  /** Paths of the pages currently served, e.g. 'guide/install.html', 'robots.txt'. */
  pages(): string[];
  resetLog(): void;
  close(): Promise<void>;
}

export interface SiteServerOptions {
  /** Directory to serve; fixtures/site by default. */
  root?: string;
  /** Minimum size of /big.html; DEFAULT_BIG_PAGE_BYTES (3,000,000) by default. */
  bigPageBytes?: number;
  /** Port on 127.0.0.1; 0 (any free port) by default. */
  port?: number;
}

const headerRecord = (req: IncomingMessage): Record<string, string | undefined> =>
  Object.fromEntries(Object.entries(req.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : value]));

export const startSiteServer = async (options: SiteServerOptions = {}): Promise<SiteServer> => {
  // Read before listening: a bad root then fails without leaving a server behind.
  const files = readSiteFiles(options.root ?? SITE_ROOT);
  files.set(BIG_PAGE_PATH, bigPageHtml(options.bigPageBytes ?? DEFAULT_BIG_PAGE_BYTES));

  const log: SiteRequest[] = [];
  const failuresLeft = new Set(FAIL_FIRST.keys());

  // Synchronous from request to response, so log order is arrival order.
  const handle = (pages: SitePages, req: IncomingMessage, res: ServerResponse): number => {
    const method = req.method ?? 'GET';
    // Split by hand: new URL() would read a path like //guide as a host, or throw.
    const pathname = (req.url ?? '/').split('?')[0] ?? '/';
    const head = method === 'HEAD';
    const send = (status: number, headers: Record<string, string>, body?: Buffer): number => {
      res.writeHead(status, body === undefined ? headers : { ...headers, 'content-length': String(body.length) });
      res.end(head ? undefined : body);
      return status;
    };
    const html = { 'content-type': 'text/html; charset=utf-8' };

    if (method !== 'GET' && !head) return send(405, { ...html, allow: 'GET, HEAD' }, statusPage('Method not allowed', `${method} is not supported.`));

    const redirect = REDIRECTS.get(pathname);
    if (redirect) return send(redirect[0], { ...html, location: redirect[1] }, statusPage('Moved', `See ${redirect[1]}.`));

    const failure = FAIL_FIRST.get(pathname);
    if (failure && failuresLeft.delete(pathname)) return send(failure.status, { ...html, ...failure.headers }, statusPage('Try again', 'This page fails on its first request.'));

    const page = pages.resolve(pathname);
    if (!page) return send(404, html, statusPage('Not found', `Nothing lives at ${pathname}.`));
    const validators = { etag: page.etag, 'last-modified': page.lastModified };
    if (isNotModified(req.headers, page.etag, page.lastModified)) return send(304, validators);
    return send(200, { 'content-type': page.contentType, ...validators }, page.body);
  };

  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  // Pages need the origin, which exists only once listening; no request is dispatched before this
  // synchronous step attaches the handler.
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const site = new SitePages(origin, files);
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const status = handle(site, req, res);
    log.push({ method: req.method ?? 'GET', path: req.url ?? '/', status, headers: headerRecord(req), at: performance.now() });
  });

  return {
    origin,
    url: (path) => `${origin}${path.startsWith('/') ? '' : '/'}${path}`,
    log,
    requests: (path) => log.filter((r) => r.path === path),
    requestsIgnoringQuery: (pathname) => log.filter((r) => r.path.split('?')[0] === pathname),
    page: (path) => site.text(path),
    setPage: (path, html) => site.set(path, html),
    removePage: (path) => site.remove(path),
    pages: () => site.paths(),
    resetLog: () => {
      log.length = 0;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive sockets (fetch pools them) would hold close() open.
        server.closeAllConnections();
      }),
  };
};
