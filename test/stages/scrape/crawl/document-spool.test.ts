import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { DocumentSpool } from '../../../../src/stages/scrape/crawl/document-spool.js';

const doc = (url: string, text: string) => ({ url, status: 200, contentType: 'text/html; charset=utf-8', body: Buffer.from(text) });

test('bodies past the memory cap wait on disk, come back byte for byte, and are gone once rendered or at the end', () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'tuneset-spool-')), 'rendering');
  // A file a killed run left behind is cleared when the next crawl starts.
  mkdirSync(dir);
  writeFileSync(join(dir, 'stale'), 'x');
  const spool = new DocumentSpool(dir, 10);
  expect(existsSync(dir)).toBe(false);

  spool.put('a', doc('http://h/a', '12345678'));
  spool.put('b', doc('http://h/b', 'second body'));
  spool.put('c', doc('http://h/c', 'third'));
  expect(spool.memoryBytes).toBe(8);
  expect(readdirSync(dir)).toHaveLength(2);
  expect(spool.get('b')).toEqual(doc('http://h/b', 'second body'));
  expect(spool.get('b')).toEqual(doc('http://h/b', 'second body')); // a retried render reads it again

  spool.delete('b');
  expect(readdirSync(dir)).toHaveLength(1);
  expect(spool.get('b')).toBeUndefined();
  spool.delete('a');
  expect(spool.memoryBytes).toBe(0);
  spool.put('d', doc('http://h/d', 'fits'));
  expect(spool.memoryBytes).toBe(4);

  spool.clear();
  expect(existsSync(dir)).toBe(false);
  expect(spool.get('c')).toBeUndefined();
});
