// A static site on 127.0.0.1 whose chosen page holds its first request until the test lets it go:
// a crawl that is certainly still running at a known point, with no timing guess, for tests that
// interrupt a run (kill -9 during a scheduled run). Files as test/helpers/site-server.ts serves
// them ({{origin}} replaced), without its dynamic routes or validators.
import { readFileSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.xml': 'application/xml', '.txt': 'text/plain' };

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
  let origin = '';

  const send = (res: ServerResponse, path: string) => {
    const file = join(root, normalize(path.endsWith('/') ? `${path}index.html` : path));
    let body: string;
    try {
      body = readFileSync(file, 'utf8').replaceAll('{{origin}}', origin);
    } catch {
      res.writeHead(404, { 'content-type': TYPES['.html']! }).end('<!doctype html><title>Not found</title><p>Not found.</p>');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
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
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
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
