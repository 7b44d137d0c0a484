// A generated documentation site for the crawl benchmark, served from its own process so the server
// never shares an event loop with the crawler being measured:
//   node --import tsx bench/crawl-site.ts --pages 2000 [--seed 1]
// prints one JSON line {"origin":"http://127.0.0.1:PORT"} on stdout once listening, then serves until
// SIGTERM. Tests can run it in-process with startCrawlSite().
//
// Pages are /p/0.html … /p/<N-1>.html, about 6-10 KB each. Page i links to its tree children 2i+1 and
// 2i+2, its parent and three seeded pseudo-random pages, so every page is reachable from `/` (a short
// landing page linking to /p/0.html; N + 1 HTML pages in all). Every page carries the same nav to
// /p/0.html … /p/9.html, like a real site's menu. robots.txt exists, disallows only /nowhere/ and names
// /sitemap.xml (every page). GET /__requests answers the requests counted since its last call.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { etagOf, isNotModified, lastModifiedAfter, statusPage } from '../test/helpers/site-http.js';
import { createRandom, type Random } from './corpus-text.js';

export const DEFAULT_PAGES = 2000;
export const pagePath = (i: number): string => `/p/${i}.html`;
/** GET it for the requests counted since the last time (RequestCounts), which start over. */
export const REQUEST_COUNTS_PATH = '/__requests';
export interface RequestCounts {
  requests: number;
  /** Requests with If-None-Match or If-Modified-Since. */
  conditional: number;
  notModified: number;
}

export interface CrawlSite {
  /** 'http://127.0.0.1:<port>' */
  origin: string;
  close(): Promise<void>;
}

interface Rendered {
  body: Buffer;
  etag: string;
  lastModified: string;
  headers: Record<string, string>;
}

const WORDS = (
  'queue message consumer producer handler store lease retry backoff delay timeout batch ' +
  'acknowledge release publish subscribe topic partition offset cursor snapshot index shard ' +
  'replica leader follower cluster node worker process thread pool buffer stream channel ' +
  'request response client server option default value limit window interval schedule order ' +
  'priority deadline failure error warning log metric counter gauge trace span event payload ' +
  'header body field record table column key version release upgrade migration config file ' +
  'the a an and or of to in on for with from by each every when while after before only also ' +
  'is are can may must should will does returns keeps sends reads writes waits stops starts ' +
  'quickly safely once twice again later first next last new old small large same other'
).split(' ');

const sentence = (r: Random): string => {
  const words = Array.from({ length: r.int(9, 18) }, () => r.pick(WORDS));
  const text = words.join(' ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
};

const paragraph = (r: Random): string => `<p>${Array.from({ length: r.int(3, 6) }, () => sentence(r)).join(' ')}</p>`;

const title = (r: Random): string => {
  const words = [r.pick(WORDS), r.pick(WORDS), r.pick(WORDS)].join(' ');
  return `${words.charAt(0).toUpperCase()}${words.slice(1)}`;
};

/** Tree children, parent, then three seeded others: distinct, never the page itself, all below `pages`. */
export const crawlSiteLinks = (i: number, pages: number, r: Random): number[] => {
  const links = new Set<number>([2 * i + 1, 2 * i + 2, Math.floor((i - 1) / 2)].filter((j) => j >= 0 && j < pages && j !== i));
  const want = Math.min(links.size + 3, pages - 1);
  // Bounded, so a tiny site (where few distinct pages exist) cannot spin.
  for (let tries = 0; links.size < want && tries < 50; tries += 1) {
    const j = r.int(0, pages - 1);
    if (j !== i) links.add(j);
  }
  return [...links];
};

const chrome = (pages: number, heading: string, main: string): string => {
  const nav = Array.from({ length: Math.min(10, pages) }, (_, j) => `<a href="${pagePath(j)}">Section ${j}</a>`).join('\n    ');
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>${heading} · Bench docs</title>
</head>
<body>
  <div id="cookie-banner"><p>This site stores one cookie for your preferences.</p></div>
  <nav class="site-nav">
    <a href="/">Home</a>
    ${nav}
  </nav>
  <main>
${main}
  </main>
  <footer class="site-footer"><p>Generated for the tuneset crawl benchmark.</p></footer>
</body>
</html>
`;
};

const renderPage = (i: number, pages: number, seed: number): string => {
  // Each page has its own stream, so page i reads the same whatever else is rendered.
  const r = createRandom((seed * 1_000_003 + i) >>> 0);
  const heading = `Topic ${i}: ${title(r)}`;
  const links = crawlSiteLinks(i, pages, r).map((j) => `<li><a href="${pagePath(j)}">Topic ${j}</a></li>`);
  const sections = Array.from({ length: 3 }, (_, s) => {
    const extra = s === 1 ? `\n    <ul>\n${Array.from({ length: r.int(4, 6) }, () => `      <li>${sentence(r)}</li>`).join('\n')}\n    </ul>` : '';
    const code =
      s === 2
        ? `\n    <pre><code class="language-ts">const ${r.pick(['queue', 'store', 'consumer'])}${i} = create({ name: 'topic-${i}', limit: ${r.int(1, 500)} });\nawait ${r.pick(['publish', 'drain', 'flush'])}(${r.int(1, 99)});</code></pre>`
        : '';
    return `    <h2>${title(r)}</h2>\n    ${Array.from({ length: r.int(4, 5) }, () => paragraph(r)).join('\n    ')}${extra}${code}`;
  });
  const main = `    <h1>${heading}</h1>\n${sections.join('\n')}\n    <h2>Related topics</h2>\n    <ul>\n      ${links.join('\n      ')}\n    </ul>`;
  return chrome(pages, heading, main);
};

const rendered = (body: string, contentType: string): Rendered => {
  const bytes = Buffer.from(body);
  const etag = etagOf(bytes);
  const lastModified = lastModifiedAfter(0);
  return { body: bytes, etag, lastModified, headers: { 'content-type': contentType, 'content-length': String(bytes.length), etag, 'last-modified': lastModified } };
};

/** Every response body, rendered once up front so a request costs a map lookup. */
const renderSite = (pages: number, seed: number, origin: string): Map<string, Rendered> => {
  const html = 'text/html; charset=utf-8';
  const site = new Map<string, Rendered>();
  site.set('/', rendered(chrome(pages, 'Bench docs', `    <h1>Bench docs</h1>\n    <p>Start with <a href="${pagePath(0)}">Topic 0</a>.</p>`), html));
  for (let i = 0; i < pages; i += 1) site.set(pagePath(i), rendered(renderPage(i, pages, seed), html));
  // A sitemap too (read only by crawls that ask for sitemaps: the docs-qa re-run benchmark), so a re-run revalidates it as well.
  const urls = ['/', ...Array.from({ length: pages }, (_, i) => pagePath(i))].map((p) => `  <url><loc>${origin}${p}</loc></url>`);
  site.set('/sitemap.xml', rendered(`<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`, 'application/xml; charset=utf-8'));
  site.set('/robots.txt', rendered(`User-agent: *\nDisallow: /nowhere/\nSitemap: ${origin}/sitemap.xml\n`, 'text/plain; charset=utf-8'));
  return site;
};

export const startCrawlSite = async (
  pages: number = DEFAULT_PAGES,
  options: { seed?: number; /** Sees every request path as it arrives (tests count fetches with it). */ onRequest?: (path: string) => void } = {},
): Promise<CrawlSite> => {
  if (!Number.isInteger(pages) || pages < 1) throw new Error(`pages must be a positive integer, got ${pages}`);
  // Rendered once listening: robots.txt and the sitemap name the origin. No request comes before the origin is known.
  let site = new Map<string, Rendered>();
  const notFound = statusPage('Not found', 'No such page.');
  // What the crawls since the last GET /__requests sent: that request answers them as JSON and starts over.
  let counts: RequestCounts = { requests: 0, conditional: 0, notModified: 0 };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const head = req.method === 'HEAD';
    if (req.url === REQUEST_COUNTS_PATH) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(counts));
      counts = { requests: 0, conditional: 0, notModified: 0 };
      return;
    }
    options.onRequest?.(req.url ?? '/');
    counts.requests++;
    if (req.headers['if-none-match'] !== undefined || req.headers['if-modified-since'] !== undefined) counts.conditional++;
    if (req.method !== 'GET' && !head) {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const page = site.get((req.url ?? '/').split('?')[0] ?? '/');
    if (!page) {
      res.writeHead(404, { 'content-type': 'text/html; charset=utf-8', 'content-length': String(notFound.length) }).end(head ? undefined : notFound);
      return;
    }
    if (isNotModified(req.headers, page.etag, page.lastModified)) {
      counts.notModified++;
      res.writeHead(304, { etag: page.etag, 'last-modified': page.lastModified }).end();
      return;
    }
    res.writeHead(200, page.headers).end(head ? undefined : page.body);
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => done());
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  site = renderSite(pages, options.seed ?? 1, origin);
  return {
    origin,
    close: () =>
      new Promise<void>((done, fail) => {
        server.close((error) => (error ? fail(error) : done()));
        server.closeAllConnections();
      }),
  };
};

const flag = (args: string[], name: string, fallback: number): number => {
  const at = args.indexOf(name);
  if (at === -1) return fallback;
  const value = Number(args[at + 1]);
  if (!Number.isInteger(value)) throw new Error(`${name} needs an integer, got ${args[at + 1]}`);
  return value;
};

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (isMain) {
  const args = process.argv.slice(2);
  const site = await startCrawlSite(flag(args, '--pages', DEFAULT_PAGES), { seed: flag(args, '--seed', 1) });
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => void site.close().then(() => process.exit(0)));
  }
  process.stdout.write(`${JSON.stringify({ origin: site.origin })}\n`);
}
