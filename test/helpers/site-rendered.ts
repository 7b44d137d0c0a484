// A small site whose every page needs rendering: <main> says only "Loading" until /static/app.js fills it from
// /static/strings.json (a fetch) and the page's data-topic. All pages share one stylesheet (with an
// @font-face), three scripts, an image and a video, so a test can count what a crawl fetched per
// path. Pages answer 304 to a matching If-None-Match; robots.txt disallows /static/tracker.js.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { etagOf, isNotModified } from './site-http.js';

export const RENDERED_TOPICS = ['queues', 'retries', 'consumers', 'limits', 'metrics'] as const;

/** Pages by path: the index and one page per topic, under /docs/ (their asset links are relative: ../static/). */
export const RENDERED_PAGES = ['/', ...RENDERED_TOPICS.map((t) => `/docs/${t}.html`)];

/** What every render fetches and shares; the tracker is disallowed, the rest are aborted unless asked for. */
export const SHARED_ASSETS = ['/static/site.css', '/static/app.js', '/static/vendor.js', '/static/strings.json'];
export const DISALLOWED_ASSET = '/static/tracker.js';
export const OPTIONAL_ASSET_PATHS = { image: '/static/logo.png', font: '/static/doc.woff2', media: '/static/intro.mp4' } as const;

/** Text only a render can produce: the lead from strings.json with the page's topic, and vendor.js's line. */
export const injectedLead = (topic: string): string => `Rendered guide to ${topic}: every line here was written by a script.`;
export const VENDOR_LINE = 'Tables laid out by vendor.js.';
/** The only text a static fetch sees: short, beside a script, so render 'auto' renders the page. */
export const LOADING = 'Loading the guide…';

const page = (topic: string, prefix: string): string => `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>${topic} · Rendered docs</title>
  <link rel="stylesheet" href="${prefix}static/site.css">
  <script src="${prefix}static/app.js"></script>
  <script src="${prefix}static/vendor.js" defer></script>
  <script src="${prefix}static/tracker.js" async></script>
</head>
<body data-topic="${topic}">
  <nav><a href="/">Home</a> ${RENDERED_TOPICS.map((t) => `<a href="/docs/${t}.html">${t}</a>`).join(' ')}</nav>
  <main id="app"><p>${LOADING}</p></main>
  <img src="${prefix}static/logo.png" alt="">
  <video src="${prefix}static/intro.mp4" preload="auto" muted></video>
</body>
</html>
`;

const APP_JS = `document.addEventListener('DOMContentLoaded', function () {
  var topic = document.body.dataset.topic;
  fetch('/static/strings.json').then(function (r) { return r.json(); }).then(function (s) {
    var main = document.getElementById('app');
    var h = document.createElement('h1'); h.textContent = s.title + ' ' + topic; main.appendChild(h);
    var p = document.createElement('p'); p.textContent = s.lead.replace('{topic}', topic); main.appendChild(p);
  });
});
`;
const VENDOR_JS = `document.addEventListener('DOMContentLoaded', function () {
  var p = document.createElement('p'); p.textContent = ${JSON.stringify(VENDOR_LINE)}; document.getElementById('app').appendChild(p);
});
`;
// 1x1 transparent PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

const FILES = new Map<string, [contentType: string, body: Buffer]>([
  ...RENDERED_PAGES.map((p): [string, [string, Buffer]] => [p, ['text/html; charset=utf-8', Buffer.from(p === '/' ? page('index', '') : page(p.slice(6, -5), '../'))]]),
  ['/robots.txt', ['text/plain', Buffer.from(`User-agent: *\nDisallow: ${DISALLOWED_ASSET}\n`)]],
  ['/static/site.css', ['text/css', Buffer.from("@font-face { font-family: Doc; src: url(doc.woff2) format('woff2'); }\nbody { font-family: Doc, sans-serif; }\n")]],
  ['/static/app.js', ['text/javascript', Buffer.from(APP_JS)]],
  ['/static/vendor.js', ['text/javascript', Buffer.from(VENDOR_JS)]],
  ['/static/tracker.js', ['text/javascript', Buffer.from("document.title = 'tracked';\n")]],
  ['/static/strings.json', ['application/json', Buffer.from(JSON.stringify({ title: 'Guide:', lead: injectedLead('{topic}') }))]],
  ['/static/logo.png', ['image/png', PNG]],
  ['/static/doc.woff2', ['font/woff2', Buffer.from('not really a font')]],
  ['/static/intro.mp4', ['video/mp4', Buffer.from('not really a video')]],
]);

export interface RenderedSite {
  origin: string;
  url(path: string): string;
  /** Every request in arrival order: path, status and the headers that matter here. */
  log: { path: string; status: number; userAgent: string | undefined; ifNoneMatch: string | undefined }[];
  /** Requests for `path` (query ignored). */
  count(path: string): number;
  close(): Promise<void>;
}

/** `validators: false`: no ETag or Last-Modified, so no request can be conditional (a server that never answers 304). */
export const startRenderedSite = async ({ validators = true } = {}): Promise<RenderedSite> => {
  const log: RenderedSite['log'] = [];
  const handle = (req: IncomingMessage, res: ServerResponse): number => {
    const path = (req.url ?? '/').split('?')[0]!;
    const file = FILES.get(path);
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return 404;
    }
    const [contentType, body] = file;
    const etag = etagOf(body);
    const lastModified = 'Mon, 02 Nov 2026 10:00:00 GMT';
    if (validators && isNotModified(req.headers, etag, lastModified)) {
      res.writeHead(304, { etag, 'last-modified': lastModified }).end();
      return 304;
    }
    const cacheHeaders = validators ? { etag, 'last-modified': lastModified } : {};
    res.writeHead(200, { 'content-type': contentType, 'content-length': String(body.length), ...cacheHeaders }).end(body);
    return 200;
  };
  const server = createServer((req, res) => {
    const status = handle(req, res);
    log.push({ path: req.url ?? '/', status, userAgent: req.headers['user-agent'], ifNoneMatch: req.headers['if-none-match'] });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    url: (path) => `${origin}${path}`,
    log,
    count: (path) => log.filter((r) => r.path.split('?')[0] === path).length,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
};
