import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { PageFailure } from '../../../../src/stages/scrape/crawl/fetch-errors.js';
import { NodeHttpClient } from '../../../../src/stages/scrape/crawl/node-http-client.js';

const routes: Record<string, (req: IncomingMessage, res: ServerResponse) => void> = {
  '/gzip': (_q, res) => res.writeHead(200, { 'content-encoding': 'gzip', 'content-type': 'text/html' }).end(gzipSync('<p>packed</p>')),
  '/declared-big': (_q, res) => res.writeHead(200, { 'content-length': '5000' }).end('x'.repeat(5000)),
  '/chunked-big': (_q, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    for (let i = 0; i < 10; i++) res.write('y'.repeat(500));
    res.end();
  },
  '/a': (_q, res) => res.writeHead(302, { location: '/b' }).end(),
  '/b': (_q, res) => res.writeHead(302, { location: '/a' }).end(),
  '/to-private': (_q, res) => res.writeHead(301, { location: '/private/page' }).end(),
  '/ua': (req, res) => res.writeHead(200).end(JSON.stringify(req.headers)),
};
const server = createServer((req, res) => (routes[req.url ?? ''] ?? ((_q, r) => r.writeHead(404).end()))(req, res));
let origin = '';
beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const client = (extra: Partial<ConstructorParameters<typeof NodeHttpClient>[0]> = {}) => new NodeHttpClient({ maxBodyBytes: 4096, maxSockets: 2, ...extra });
const failure = async (p: Promise<unknown>) => {
  const error = await p.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(PageFailure);
  return error as PageFailure;
};

test('sends exactly the headers given (no generated browser headers) and decodes gzip', async () => {
  const headers = JSON.parse((await client().sendRequest({ url: `${origin}/ua`, headers: { 'user-agent': 'bot/1' } })).body) as Record<string, string>;
  expect(headers['user-agent']).toBe('bot/1');
  expect(Object.keys(headers).sort()).toEqual(['accept-encoding', 'connection', 'host', 'user-agent']);
  expect((await client().sendRequest({ url: `${origin}/gzip` })).body).toBe('<p>packed</p>');
});

test('a body over the cap fails as page_too_large, declared or streamed', async () => {
  expect((await failure(client().sendRequest({ url: `${origin}/declared-big` }))).code).toBe('page_too_large');
  expect((await failure(client().sendRequest({ url: `${origin}/chunked-big` }))).code).toBe('page_too_large');
});

test('a redirect loop is named as one, with its chain', async () => {
  const error = await failure(client().sendRequest({ url: `${origin}/a` }));
  expect(error.code).toBe('redirect_loop');
  expect(error.detail['chain']).toEqual([`${origin}/a`, `${origin}/b`, `${origin}/a`]);
});

test('every redirect hop passes the beforeRedirect check (robots.txt) before it is requested', async () => {
  const asked: string[] = [];
  const guarded = client({
    beforeRedirect: async (url) => {
      asked.push(url);
      if (url.includes('/private/')) throw new PageFailure('robots_disallowed', `${url} is disallowed`);
    },
  });
  expect((await failure(guarded.sendRequest({ url: `${origin}/to-private` }))).code).toBe('robots_disallowed');
  expect(asked).toEqual([`${origin}/private/page`]);
});
