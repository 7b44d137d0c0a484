import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SourceError } from '../../../src/pipeline/errors.js';
import type { InputRecord } from '../../../src/pipeline/stage.js';
import { gunzipIfNeeded, openInput } from '../../../src/stages/import/open-input.js';
import { refusedUrl, serve, tmpFile } from './helpers.js';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

const readAll = async (input: string) => {
  const recorded: InputRecord[] = [];
  const chunks: Buffer[] = [];
  for await (const c of openInput(input, { recordInput: (r) => void recorded.push(r), signal: new AbortController().signal })) chunks.push(Buffer.from(c));
  return { text: Buffer.concat(chunks).toString('utf8'), recorded };
};

const failure = async (input: string): Promise<string> => {
  const error = await readAll(input).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SourceError);
  return (error as SourceError).message;
};

const TEXT = 'line one\nline two é\n';
const RAW = Buffer.from(TEXT);
const GZ = gzipSync(RAW);
// Two gzip members back to back, as `cat a.gz b.gz` makes: one stream to gunzip.
const MULTI = Buffer.concat([gzipSync(Buffer.from('line one\n')), gzipSync(Buffer.from('line two é\n'))]);

describe('openInput', () => {
  it('streams a local file and records its sha256 and size once read to the end', async () => {
    const path = tmpFile('a.txt', RAW);
    expect(await readAll(path)).toEqual({ text: TEXT, recorded: [{ uri: path, sha256: sha(RAW), bytes: RAW.length }] });
  });

  it('takes a file: URL, recorded under the URL as given', async () => {
    const url = pathToFileURL(tmpFile('a b.txt', RAW)).href;
    expect(await readAll(url)).toEqual({ text: TEXT, recorded: [{ uri: url, sha256: sha(RAW), bytes: RAW.length }] });
  });

  it('gunzips by magic bytes and hashes the compressed bytes as stored', async () => {
    for (const [name, bytes] of [['a.txt.gz', GZ], ['no-extension', GZ], ['multi.gz', MULTI]] as const) {
      const path = tmpFile(name, bytes);
      expect(await readAll(path)).toEqual({ text: TEXT, recorded: [{ uri: path, sha256: sha(bytes), bytes: bytes.length }] });
    }
  });

  it('finds the magic bytes when they arrive in separate chunks, after an empty one', async () => {
    async function* pieces() {
      yield new Uint8Array(0);
      yield GZ.subarray(0, 1);
      yield GZ.subarray(1, 2);
      yield GZ.subarray(2);
    }
    const out: Buffer[] = [];
    for await (const c of gunzipIfNeeded(pieces(), 'mem.gz')) out.push(Buffer.from(c));
    expect(Buffer.concat(out).toString('utf8')).toBe(TEXT);
  });

  it('reads a file named .gz that is not gzip as it is', async () => {
    const path = tmpFile('plain.gz', RAW);
    expect((await readAll(path)).text).toBe(TEXT);
  });

  it.each([
    ['an empty file', Buffer.alloc(0), ''],
    ['a one-byte file', Buffer.from('x'), 'x'],
    ['a file starting with the first magic byte only', Buffer.from([0x1f, 0x41]), '\x1fA'],
  ])('reads %s', async (_name, bytes, text) => {
    const path = tmpFile('small', bytes);
    expect(await readAll(path)).toEqual({ text, recorded: [{ uri: path, sha256: sha(bytes), bytes: bytes.length }] });
  });

  it('fails with a SourceError naming the path and what is wrong', async () => {
    expect(await failure('fixtures/import/does-not-exist.json')).toBe('fixtures/import/does-not-exist.json: file not found');
    expect(await failure('fixtures/import')).toBe('fixtures/import: is a directory');
    expect(await failure('ftp://127.0.0.1/a.json')).toBe('ftp://127.0.0.1/a.json: unsupported URL scheme (use a path, file:, http: or https:)');
  });

  it('fails on invalid and truncated gzip', async () => {
    const bad = tmpFile('bad.gz', Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0xff, 0xff, 0xff, 0xff, 0x00, 0x03, 0x01, 0x02]));
    expect(await failure(bad)).toMatch(new RegExp(`^${bad}: invalid gzip data: `));
    const truncated = tmpFile('truncated.gz', GZ.subarray(0, GZ.length - 6));
    expect(await failure(truncated)).toBe(`${truncated}: invalid gzip data: unexpected end of file`);
  });

  it('records nothing for an input the consumer stops reading early', async () => {
    const path = tmpFile('big.txt', Buffer.alloc(3 << 20, 0x61));
    const recorded: InputRecord[] = [];
    for await (const chunk of openInput(path, { recordInput: (r) => void recorded.push(r), signal: new AbortController().signal })) {
      expect(chunk.byteLength).toBeGreaterThan(0);
      break;
    }
    expect(recorded).toEqual([]);
  });

  describe('over http', () => {
    let server: Awaited<ReturnType<typeof serve>>;
    beforeAll(async () => {
      server = await serve({
        '/a.txt': { body: RAW },
        '/a.txt.gz': { body: GZ, headers: { 'content-type': 'application/gzip' } },
        '/boom': { status: 500 },
        '/cut': { body: RAW, cutShort: true },
      });
    });
    afterAll(() => server.close());

    it('streams the body and records it under the URL', async () => {
      const url = server.url('/a.txt');
      expect(await readAll(url)).toEqual({ text: TEXT, recorded: [{ uri: url, sha256: sha(RAW), bytes: RAW.length }] });
      const gz = server.url('/a.txt.gz');
      expect(await readAll(gz)).toEqual({ text: TEXT, recorded: [{ uri: gz, sha256: sha(GZ), bytes: GZ.length }] });
    });

    it('fails on an HTTP error status', async () => {
      expect(await failure(server.url('/missing.json'))).toBe(`${server.url('/missing.json')}: HTTP 404 Not Found`);
      expect(await failure(server.url('/boom'))).toBe(`${server.url('/boom')}: HTTP 500 Internal Server Error`);
    });

    it('fails when the connection drops in the middle of the body', async () => {
      expect(await failure(server.url('/cut'))).toBe(`${server.url('/cut')}: read failed: other side closed`);
    });

    it('fails when the connection is refused', async () => {
      const url = await refusedUrl('/a.json');
      expect(await failure(url)).toBe(`could not connect to ${url}: connection refused`);
    });
  });
});
