// Hostile HTTP servers on 127.0.0.1 for the hostile-input corpus: each route misbehaves in one way a
// real server (or a man in the middle) can, so the http input path is tried against stalls, drips,
// lies about the body and bodies that never end.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { createGzip, gzipSync } from 'node:zlib';

/** A good JSONL line, as the corpus's JSONL pipeline maps it (`q`, `a`). */
export const goodLine = (i: number): string => JSON.stringify({ q: `Question ${i}: what is ${i} plus ${i * 3}?`, a: `It is ${i * 4}.` });
export const goodLines = (n: number, from = 1): string => Array.from({ length: n }, (_, k) => goodLine(from + k)).join('\n') + '\n';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** Writes `chunk` every `ms` until the client goes away: the timer is cleared on close. */
const every = (res: ServerResponse, ms: number, chunk: () => Buffer | string) => {
  const timer = setInterval(() => {
    if (res.destroyed) return clearInterval(timer);
    res.write(chunk());
  }, ms);
  res.on('close', () => clearInterval(timer));
};

/** Writes as fast as the client reads, until it goes away: an endless body with back-pressure. */
const flood = (res: ServerResponse, chunk: Buffer) => {
  const pump = () => {
    while (!res.destroyed && res.write(chunk));
  };
  res.on('drain', pump);
  pump();
};

const JSONL = { 'content-type': 'application/x-ndjson' };

const routes: Record<string, Handler> = {
  '/good.jsonl': (_req, res) => res.writeHead(200, JSONL).end(goodLines(12)),
  // Never answers: no status line, no headers.
  '/stall-headers.jsonl': () => undefined,
  // Answers, sends half the file, then nothing more while keeping the connection open.
  '/stall-body.jsonl': (_req, res) => {
    res.writeHead(200, JSONL);
    res.write(goodLines(12).slice(0, 300));
  },
  // One byte every 100 ms, forever: each read is "progress", so only a deadline or a minimum rate ends it.
  '/drip.jsonl': (_req, res) => {
    res.writeHead(200, JSONL);
    const text = Buffer.from(goodLines(1_000_000 / 50));
    let at = 0;
    every(res, 100, () => text.subarray(at, ++at));
  },
  // Good lines as fast as the client takes them, never ending: about a gigabyte a few seconds.
  '/endless.jsonl': (_req, res) => {
    res.writeHead(200, JSONL);
    flood(res, Buffer.from(goodLines(2000)));
  },
  // A body that never has a line break: one endless line.
  '/endless-line.jsonl': (_req, res) => {
    res.writeHead(200, JSONL);
    flood(res, Buffer.alloc(1 << 16, 'x'));
  },
  // Says gzip, sends plain text.
  '/lying-gzip.jsonl': (_req, res) => res.writeHead(200, { ...JSONL, 'content-encoding': 'gzip' }).end(goodLines(12)),
  // Says br, sends gzip.
  '/lying-br.jsonl': (_req, res) => res.writeHead(200, { ...JSONL, 'content-encoding': 'br' }).end(gzipSync(goodLines(12))),
  // Promises 100000 bytes, sends the first part and closes.
  '/short-body.jsonl': (req, res) => {
    res.writeHead(200, { ...JSONL, 'content-length': '100000' });
    res.write(goodLines(12));
    setTimeout(() => req.socket.destroy(), 50);
  },
  // Promises fewer bytes than it sends: the client must not read past the promise into garbage.
  // Written on the socket by hand: Node's own response would refuse a body past its Content-Length.
  '/long-body.jsonl': (req) => {
    const body = Buffer.from(goodLines(12));
    const head = `HTTP/1.1 200 OK\r\ncontent-type: application/x-ndjson\r\ncontent-length: ${body.byteLength - 10}\r\nconnection: close\r\n\r\n`;
    req.socket.end(Buffer.concat([Buffer.from(head), body]));
  },
  // Says UTF-8, sends UTF-16 LE with a byte order mark.
  '/utf16.jsonl': (_req, res) =>
    res.writeHead(200, { 'content-type': 'application/x-ndjson; charset=utf-8' }).end(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(goodLines(12), 'utf16le')])),
  // Says latin-1 and sends latin-1: not UTF-8 whatever the header says; never decoded as UTF-8 silently.
  '/latin1.jsonl': (_req, res) =>
    res.writeHead(200, { 'content-type': 'application/x-ndjson; charset=iso-8859-1' }).end(Buffer.from(goodLines(12) + '{"q":"caf\u00e9 cr\u00e8me","a":"ok"}\n', 'latin1')),
  // An HTML error page with status 200, where data was expected.
  '/html.jsonl': (_req, res) =>
    res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html>\n<html><head><title>Sign in</title></head>\n<body><p>Please sign in.</p></body></html>\n'),
  '/missing.jsonl': (_req, res) => res.writeHead(404, { 'content-type': 'text/plain' }).end('not here'),
  '/broken.jsonl': (_req, res) => res.writeHead(500, { 'content-type': 'text/plain' }).end('oops'),
  '/loop.jsonl': (_req, res) => res.writeHead(302, { location: '/loop.jsonl' }).end(),
  // A gzip bomb over http: zeros, compressed about 1000 to 1, for ever.
  '/bomb.jsonl.gz': (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/gzip' });
    endlessGzip(res);
  },
  // Resets the connection after a few lines.
  '/reset.jsonl': (req, res) => {
    res.writeHead(200, JSONL);
    res.write(goodLines(3));
    setTimeout(() => req.socket.resetAndDestroy(), 50);
  },
};

/** Zero bytes through gzip as fast as the client reads, never ending: a bomb with no bottom. */
const endlessGzip = (res: ServerResponse) => {
  const gzip = createGzip({ level: 1 });
  gzip.pipe(res);
  const zeros = Buffer.alloc(1 << 20);
  const pump = () => {
    while (!res.destroyed && gzip.write(zeros));
  };
  gzip.on('drain', pump);
  res.on('close', () => gzip.destroy());
  pump();
};

export interface HostileServer {
  url: (path: string) => string;
  close: () => Promise<void>;
}

/** Starts every hostile route on one port of 127.0.0.1. */
export const startHostileServer = async (): Promise<HostileServer> => {
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    const handler = routes[new URL(req.url ?? '/', 'http://x').pathname];
    if (handler) handler(req, res);
    else res.writeHead(404).end();
  });
  // A stalled response keeps its socket open for ever; closing the server must not wait for it.
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
};
