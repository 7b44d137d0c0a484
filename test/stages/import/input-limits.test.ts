import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { importJsonl } from '../../../src/stages/import/index.js';
import { openInput } from '../../../src/stages/import/open-input.js';
import { runStage } from '../../helpers/run-stage.js';
import { tmpFile } from './helpers.js';

const fields = { a: 'a' };
const lines = (n: number) => Array.from({ length: n }, (_, i) => `{"a": ${i}, "pad": "${(i * 7919).toString(36)}"}\n`).join('');

describe('gzip limits', () => {
  it('a gzip bomb stops at the ratio limit, naming the file', async () => {
    const path = tmpFile('bomb.jsonl.gz', gzipSync(Buffer.alloc(16 * 1024 * 1024, 'x')));
    await expect(runStage(importJsonl({ path, fields }))).rejects.toThrow(
      new RegExp(`^${path}: gzip data decompresses to more than 100 times its size \\(\\d+ bytes out of \\d+; maxCompressionRatio\\); a gzip bomb\\?$`),
    );
  });

  it('an input past maxDecompressedBytes stops, naming the file and the limit', async () => {
    const path = tmpFile('big.jsonl.gz', gzipSync(lines(40_000)));
    await expect(runStage(importJsonl({ path, fields, maxDecompressedBytes: 1024 * 1024 }))).rejects.toThrow(
      `${path}: gzip data decompresses to more than 1 MiB (maxDecompressedBytes); a gzip bomb?`,
    );
  });

  it('within the limits a gzip input is read whole', async () => {
    const path = tmpFile('ok.jsonl.gz', gzipSync(lines(40_000)));
    expect((await runStage(importJsonl({ path, fields }))).out).toHaveLength(40_000);
  });
});

// Hostile servers on 127.0.0.1; the limits are set tiny so that nothing waits long.
const servers: { close: () => void }[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});
const hostile = async (handle: (res: ServerResponse) => void) => {
  const timers: NodeJS.Timeout[] = [];
  const server = createServer((_req, res) => handle(res));
  server.on('connection', (socket) => socket.on('close', () => timers.forEach(clearInterval)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push({
    close: () => {
      timers.forEach(clearInterval);
      server.closeAllConnections();
      server.close();
    },
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/x.jsonl`, every: (ms: number, f: () => void) => timers.push(setInterval(f, ms)) };
};
const fast = { httpRateWindowMs: 200, httpMinBytesPerSecond: 1024, httpDeadlineMs: 5000 };
// No minimum rate: a busy machine's slow first response is not taken for a slow server.
const stallOnly = { ...fast, httpMinBytesPerSecond: 0 };

describe('http limits', () => {
  it('a server that never answers: no data for the window', async () => {
    const { url } = await hostile(() => undefined);
    await expect(runStage(importJsonl({ path: url, fields, ...stallOnly }))).rejects.toThrow(`${url}: no data for 200 ms (stalled; httpRateWindowMs)`);
  });

  it('a server that stalls after some data: no data for the window', async () => {
    const { url } = await hostile((res) => {
      res.writeHead(200);
      res.write('{"a": 1}\n');
    });
    await expect(runStage(importJsonl({ path: url, fields, ...stallOnly }))).rejects.toThrow(`${url}: no data for 200 ms (stalled; httpRateWindowMs)`);
  });

  it('a server that drips: sending under the minimum rate', async () => {
    const s = await hostile((res) => {
      res.writeHead(200);
      s.every(10, () => res.write('x'));
    });
    await expect(runStage(importJsonl({ path: s.url, fields, ...fast }))).rejects.toThrow(
      new RegExp(`^${s.url}: sending under 1 KiB/s \\(\\d+ bytes in \\d+ ms; httpMinBytesPerSecond\\)$`),
    );
  });

  it('a server that streams without end: the deadline', async () => {
    const s = await hostile((res) => {
      res.writeHead(200);
      s.every(5, () => res.write(lines(20)));
    });
    await expect(runStage(importJsonl({ path: s.url, fields, ...stallOnly, httpRateWindowMs: 1000, httpDeadlineMs: 400 }))).rejects.toThrow(`${s.url}: not read within 400 ms (httpDeadlineMs)`);
  });

  it('a server within the limits is read whole', async () => {
    const { url } = await hostile((res) => {
      res.writeHead(200);
      res.end(lines(1000));
    });
    expect((await runStage(importJsonl({ path: url, fields, ...fast, httpRateWindowMs: 5000 }))).out).toHaveLength(1000);
  });
});

it('a bomb of good lines stops once 1 MiB is out, not when its whole compressed file has been read ahead', async () => {
  // ~2000x, and the compressed file is one read: the ratio must be taken on what zlib took in.
  const path = tmpFile('lines-bomb.jsonl.gz', gzipSync(Buffer.from('{"a": 1}\n'.repeat(8 * 1024 * 1024))));
  let out = 0;
  const read = async () => {
    for await (const chunk of openInput(path, { recordInput: () => undefined, signal: new AbortController().signal })) out += chunk.byteLength;
  };
  await expect(read()).rejects.toThrow(/lines-bomb\.jsonl\.gz: gzip data decompresses to more than 100 times its size/);
  expect(out).toBeLessThan(2 * 1024 * 1024);
});
