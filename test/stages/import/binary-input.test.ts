import { mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect, test } from 'vitest';
import { sourceFailure } from '../../helpers/source-failure.js';
import { importArLsat, importCsv, importEvals, importJsonl } from '../../../src/stages/import/index.js';
import { runStage } from '../../helpers/run-stage.js';
import { serve, tmpFile } from './helpers.js';

// Binary input is refused from its first 4 KiB, as soon as they arrive: /dev/zero has no line end
// ever (the run hung without a word), /dev/urandom gives junk lines without end (686 MB of
// rejected.jsonl.partial in a minute).
const failure = sourceFailure;
const fields = { question: 'q', answer: 'a' };
const jsonl = (path: string) => runStage(importJsonl({ path, fields }));

/** Bytes like /dev/urandom's, the same every run (an LCG), with no NUL in the first 700. */
const randomBytes = (n: number): Buffer => {
  const out = Buffer.alloc(n);
  let x = 12345;
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out[i] = (x >>> 16) & 0xff || (i < 700 ? 1 : 0);
  }
  return out;
};

test('/dev/zero stops at once in every importer', async () => {
  const binary = '/dev/zero: is binary, not text (a NUL byte at offset 0)';
  expect(await failure(jsonl('/dev/zero'))).toBe(binary);
  expect(await failure(runStage(importCsv({ path: '/dev/zero', fields: { question: 'q' } })))).toBe(binary);
  expect(await failure(runStage(importEvals({ path: '/dev/zero' })))).toBe(binary);
  expect(await failure(runStage(importArLsat({ path: '/dev/zero' })))).toBe(binary);
});

test('random bytes stop at once, naming the first NUL', async () => {
  const bytes = randomBytes(8 << 20);
  const nul = bytes.indexOf(0);
  expect(nul).toBeGreaterThanOrEqual(700);
  expect(nul).toBeLessThan(4096);
  const path = tmpFile('data.jsonl', bytes);
  expect(await failure(jsonl(path))).toBe(`${path}: is binary, not text (a NUL byte at offset ${nul})`);
});

test('a binary http body stops at once', async () => {
  const server = await serve({ '/data.jsonl': { body: randomBytes(1 << 20) } });
  try {
    const url = server.url('/data.jsonl');
    expect(await failure(jsonl(url))).toBe(`${url}: is binary, not text (a NUL byte at offset ${randomBytes(4096).indexOf(0)})`);
  } finally {
    await server.close();
  }
});

test('a stored (uncompressed) zip is named a zip archive, not read as JSON lines', async () => {
  // A local file header (version 10, method 0 = stored) and the entry's text as it is.
  const text = Buffer.from('{"q": "a", "a": "b"}\n');
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(10, 4);
  header.writeUInt32LE(text.length, 18);
  header.writeUInt32LE(text.length, 22);
  header.writeUInt16LE(7, 26);
  const path = tmpFile('data.jsonl', Buffer.concat([header, Buffer.from('a.jsonl'), text]));
  expect(await failure(jsonl(path))).toBe(`${path}: is a zip archive (an .xlsx or .docx is one), not text`);
});

test('a NUL in a later line of UTF-8 text, in the head or past it, is one dropped line', async () => {
  const lines = Array.from({ length: 5000 }, (_, i) => JSON.stringify({ q: `q${i}`, a: 'b' }));
  lines[6] = '{"q": "x\u0000", "a": "b"}';
  lines[4999] = '{"q": "x\u0000", "a": "b"}';
  const path = tmpFile('data.jsonl', `${lines.join('\n')}\n`);
  const r = await jsonl(path);
  expect([r.out.length, r.drops.map((d) => [d.code, d.source.line])]).toEqual([4998, [['invalid_json', 7], ['invalid_json', 5000]]]);
});

test('a NUL in the first line is binary, even in UTF-8', async () => {
  const path = tmpFile('data.tar', Buffer.concat([Buffer.from('data.jsonl'), Buffer.alloc(90), Buffer.from('0000644\u0000\n{"q": "a", "a": "b"}\n')]));
  expect(await failure(jsonl(path))).toBe(`${path}: is binary, not text (a NUL byte at offset 10)`);
});

test('gzip inside gzip is named compressed twice, with the gunzip that undoes one', async () => {
  const twice = gzipSync(gzipSync(Buffer.from('{"q": "a", "a": "b"}\n')));
  const gz = tmpFile('data.jsonl.gz', twice);
  expect(await failure(jsonl(gz))).toBe(`${gz}: is compressed twice (gzip inside gzip), and tuneset undoes one gzip; gunzip it once: gunzip -c data.jsonl.gz > data.jsonl`);
  const plain = tmpFile('data.jsonl', twice);
  expect(await failure(jsonl(plain))).toBe(`${plain}: is compressed twice (gzip inside gzip), and tuneset undoes one gzip; gunzip it once: gunzip -c data.jsonl > data.jsonl.gz`);
});

test('bytes appended after a gzip stream are named so, not "incorrect header check" alone', async () => {
  const path = tmpFile('data.jsonl.gz', Buffer.concat([gzipSync(Buffer.from('{"q": "a", "a": "b"}\n')), Buffer.from('appended junk\n')]));
  expect(await failure(jsonl(path))).toBe(
    `${path}: data after the end of the gzip stream is not gzip (incorrect header check); gunzip -c keeps the gzip part and warns of 'trailing garbage'`,
  );
});

test('a server whose Content-Encoding (gzip, br) does not fit the body is named', async () => {
  const body = '{"q": "a", "a": "b"}\n';
  const server = await serve({
    '/data.jsonl': { body, headers: { 'content-encoding': 'gzip' } },
    '/br.jsonl': { body: gzipSync(Buffer.from(body.repeat(10))), headers: { 'content-encoding': 'br' } },
  });
  try {
    const url = server.url('/data.jsonl');
    expect(await failure(jsonl(url))).toBe(`${url}: the server says Content-Encoding: gzip but the body is not gzip-compressed (incorrect header check)`);
    const br = server.url('/br.jsonl');
    expect(await failure(jsonl(br))).toBe(`${br}: the server says Content-Encoding: br but the body is not br-compressed (Decompression failed)`);
  } finally {
    await server.close();
  }
});

test('a symbolic link loop is named, not "file not found"', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tuneset-loop-'));
  symlinkSync(join(dir, 'b'), join(dir, 'a'));
  symlinkSync(join(dir, 'a'), join(dir, 'b'));
  const a = join(dir, 'a');
  expect(await failure(jsonl(a))).toBe(`${a}: is a symbolic link loop (a link that leads back to itself)`);
});
