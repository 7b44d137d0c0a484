import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type OutgoingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { take } from '../../../src/pipeline/counted-iterables.js';
import type { Source } from '../../../src/pipeline/stage.js';
import { runStage } from '../../helpers/run-stage.js';

/** A fresh directory per call; files written there are test inputs that need not be fixtures. */
export const tmpFile = (name: string, content: string | Uint8Array): string => {
  const path = join(mkdtempSync(join(tmpdir(), 'tuneset-import-')), name);
  writeFileSync(path, content);
  return path;
};

/** Runs a source the way `--limit` does: the consumer stops after `n` items and returns the iterator. */
export const runFirst = <Out>(source: Source<Out>, n: number) => {
  const limited: Source<Out> = { ...source, run: (input, ctx) => take(source.run(input, ctx), n) };
  return runStage(limited);
};

export interface Route {
  status?: number;
  body?: string | Uint8Array;
  headers?: OutgoingHttpHeaders;
  /** Promise twice the body's length, send the body, then drop the connection. */
  cutShort?: boolean;
}

/** An HTTP server on 127.0.0.1 and a free port, serving fixed routes; anything else is a 404. */
export const serve = async (routes: Record<string, Route>) => {
  const server = createServer((req, res) => {
    const route = routes[req.url ?? ''];
    if (route?.cutShort) {
      const body = Buffer.from(route.body ?? '');
      res.writeHead(200, { 'content-length': body.length * 2 });
      res.write(body, () => res.destroy());
      return;
    }
    res.writeHead(route?.status ?? (route ? 200 : 404), route?.headers);
    res.end(route?.body ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};

/** A URL on 127.0.0.1 where nothing listens: a server is started for a free port, then closed. */
export const refusedUrl = async (path: string): Promise<string> => {
  const server = await serve({});
  const url = server.url(path);
  await server.close();
  return url;
};
