// A static site on 127.0.0.1 whose chosen page holds its first request until the test lets it go:
// a crawl that is certainly still running at a known point, with no timing guess, for tests that
// interrupt a run (kill -9 during a scheduled run). Pages as test/helpers/site-server.ts serves
// them (its SitePages: {{origin}} replaced, directory index.html), without its dynamic routes or validators.
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { statusPage } from './site-http.js';
import { readSiteFiles, SitePages } from './site-pages.js';

export interface GatedSite {
  origin: string;
  url(path: string): string;
  /** Paths requested, in arrival order. */
  log: string[];
  /** Settles when the held page's first request has arrived (and is being held). */
  held: Promise<void>;
  /** Answers the held request, if its client is still there; later requests are never held. */
  release(): void;
  close(): Promise<void>;
}

export const startGatedSite = async (root: string, holdPath: string): Promise<GatedSite> => {
  const log: string[] = [];
  let arrived!: () => void;
  const held = new Promise<void>((resolve) => (arrived = resolve));
  let waiting: (() => void) | undefined;
  let holding = true;
  // Read before listening: a bad root then fails without leaving a server behind.
  const files = readSiteFiles(root);
  let pages: SitePages | undefined;

  const send = (res: ServerResponse, path: string) => {
    const page = pages?.resolve(path);
    if (!page) res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' }).end(statusPage('Not found', `Nothing lives at ${path}.`));
    else res.writeHead(200, { 'content-type': page.contentType }).end(page.body);
  };

  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    log.push(path);
    if (path === holdPath && holding) {
      holding = false;
      waiting = () => send(res, path);
      arrived();
      return;
    }
    send(res, path);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // Pages need the origin, known only once listening; no request is dispatched before this synchronous step.
  pages = new SitePages(origin, files);
  return {
    origin,
    url: (path) => `${origin}${path}`,
    log,
    held,
    release: () => {
      waiting?.();
      waiting = undefined;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
};
