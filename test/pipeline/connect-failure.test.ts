import { createServer } from 'node:net';
import { expect, test } from 'vitest';
import { connectFailure } from '../../src/pipeline/connect-failure.js';

/** A port on 127.0.0.1 where nothing listens: taken from a server, which is then closed. */
const closedPort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

const fetchError = (url: string) => fetch(url).then(() => undefined, (e: unknown) => e);

test('a refused connection, as fetch really reports it', async () => {
  const url = `http://127.0.0.1:${await closedPort()}/x.jsonl`;
  expect(connectFailure(await fetchError(url), url)).toBe('connection refused');
});

test('a port fetch refuses to use (9 is one of the Fetch standard\'s "bad ports"), named', async () => {
  const url = 'http://127.0.0.1:9/x.jsonl';
  expect(connectFailure(await fetchError(url), url)).toBe('fetch refuses port 9 (one of the Fetch standard\'s blocked "bad ports"); use another port');
});

test('credentials in the URL, which fetch will not send', async () => {
  const url = 'http://user:pw@127.0.0.1:1/x';
  expect(connectFailure(await fetchError(url), url)).toBe('fetch does not send a user name or password written in the URL');
});

test('codes on the cause, or on the first error of an AggregateError', () => {
  const wrapped = (cause: unknown) => new TypeError('fetch failed', { cause });
  expect(connectFailure(wrapped(Object.assign(new Error('getaddrinfo ENOTFOUND x.test'), { code: 'ENOTFOUND' })), 'http://x.test/')).toBe('host not found');
  const aggregate = new AggregateError([Object.assign(new Error('connect ETIMEDOUT'), { code: 'ETIMEDOUT' })]);
  expect(connectFailure(wrapped(aggregate), 'http://x.test/')).toBe('no answer when connecting');
  expect(connectFailure(wrapped(Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' })), 'https://x.test/')).toBe(
    'TLS handshake failed: self-signed certificate',
  );
});

test('failures after connecting are not connect failures', () => {
  expect(connectFailure(new TypeError('terminated', { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) }), 'http://x.test/')).toBeUndefined();
  expect(connectFailure(new DOMException('aborted', 'AbortError'), 'http://x.test/')).toBeUndefined();
});
