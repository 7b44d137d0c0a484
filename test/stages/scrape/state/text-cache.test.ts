import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { policyFromFetch } from '../../../../src/stages/scrape/polite/robots.js';
import { TextCache } from '../../../../src/stages/scrape/state/text-cache.js';

const ROBOTS = 'http://site.test/robots.txt';
const BODY = 'User-agent: *\nDisallow: /private/\n';
const fresh = () => join(mkdtempSync(join(tmpdir(), 'tuneset-text-cache-')), 'texts.jsonl');

/** A first crawl that read robots.txt with both validators and completed. */
const completed = (path: string) => {
  const first = new TextCache(path);
  expect(first.conditionalHeaders(ROBOTS)).toEqual({});
  first.settle(ROBOTS, 200, BODY, { etag: '"r1"', 'last-modified': 'Mon, 02 Nov 2026 10:00:00 GMT' });
  first.save();
};

test('the next crawl asks conditionally and reads a 304 as the kept body, which robots.txt rules then come from', () => {
  const path = fresh();
  completed(path);
  const next = new TextCache(path);
  expect(next.conditionalHeaders(ROBOTS)).toEqual({ 'if-none-match': '"r1"', 'if-modified-since': 'Mon, 02 Nov 2026 10:00:00 GMT' });
  const answer = next.settle(ROBOTS, 304, '', {});
  expect(answer).toEqual({ status: 200, body: BODY });
  expect(policyFromFetch(ROBOTS, answer, 'bot/1.0').decide('http://site.test/private/x')).toBe('disallowed');
  // Revalidated, so kept for the crawl after.
  next.save();
  expect(new TextCache(path).conditionalHeaders(ROBOTS)).toEqual({ 'if-none-match': '"r1"', 'if-modified-since': 'Mon, 02 Nov 2026 10:00:00 GMT' });
});

test('a 4xx or 5xx is what the server says now: the kept copy is not used in its place, and is forgotten', () => {
  const path = fresh();
  completed(path);
  const next = new TextCache(path);
  expect(next.settle(ROBOTS, 404, 'gone', {})).toEqual({ status: 404, body: 'gone' });
  expect(policyFromFetch(ROBOTS, { status: 503, body: '' }, 'bot/1.0').decide('http://site.test/a')).toBe('disallowed');
  expect(next.settle('http://site.test/sitemap.xml', 503, '', {})).toEqual({ status: 503, body: '' });
  next.save();
  expect(readFileSync(path, 'utf8')).toBe('');
});

test('a body without ETag or Last-Modified is not kept; a changed one replaces the old', () => {
  const path = fresh();
  completed(path);
  const next = new TextCache(path);
  next.settle(ROBOTS, 200, 'User-agent: *\nDisallow:\n', { etag: '"r2"' });
  next.settle('http://site.test/sitemap.xml', 200, '<urlset/>', {});
  next.save();
  expect(readFileSync(path, 'utf8')).toBe(`${JSON.stringify({ url: ROBOTS, etag: '"r2"', body: 'User-agent: *\nDisallow:\n' })}\n`);
});

test('nothing is written until the crawl completes, so a killed crawl keeps the last validators', () => {
  const path = fresh();
  completed(path);
  const killed = new TextCache(path);
  killed.settle(ROBOTS, 200, 'changed', { etag: '"r9"' });
  expect(new TextCache(path).conditionalHeaders(ROBOTS)['if-none-match']).toBe('"r1"');
});

test('a damaged file is an error naming it and the line', () => {
  const path = fresh();
  writeFileSync(path, '{"url":"http://site.test/robots.txt"}\n{"url":"x","body":"y"}\n');
  expect(() => new TextCache(path)).toThrow(`${path}: line 1 is not a cached robots.txt or sitemap, so the file is damaged or was edited. Delete it; robots.txt and sitemaps are then fetched in full once.`);
});
