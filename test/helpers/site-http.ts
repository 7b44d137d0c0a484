// HTTP details shared by the fixture site server and the crawl benchmark's generated site:
// validators (ETag, Last-Modified), conditional-request checks and content types.
import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** The first Last-Modified every page gets: fixed, so runs are deterministic (never the wall clock). */
const BASE_LAST_MODIFIED = Date.UTC(2026, 10, 2, 10, 0, 0); // Mon, 02 Nov 2026 10:00:00 GMT
const HOUR = 60 * 60 * 1000;

/** Base date plus `hours`, as an HTTP date; each page mutation moves its page one hour later. */
export const lastModifiedAfter = (hours: number): string => new Date(BASE_LAST_MODIFIED + hours * HOUR).toUTCString();

/** A strong validator: the same bytes always give the same ETag, and any change gives a new one. */
export const etagOf = (body: Buffer): string => `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"`;

/**
 * Whether a GET/HEAD may be answered with 304. If-None-Match wins when present (RFC 9110 13.2.2), and
 * uses weak comparison, so a client echoing `W/"…"` still matches; If-Modified-Since is only consulted
 * without it.
 */
export const isNotModified = (headers: IncomingHttpHeaders, etag: string, lastModified: string): boolean => {
  const ifNoneMatch = headers['if-none-match'];
  if (ifNoneMatch !== undefined) {
    return ifNoneMatch.split(',').some((tag) => {
      const t = tag.trim();
      return t === '*' || t.replace(/^W\//, '') === etag;
    });
  }
  const ifModifiedSince = headers['if-modified-since'];
  if (ifModifiedSince === undefined) return false;
  const since = Date.parse(ifModifiedSince);
  return !Number.isNaN(since) && since >= Date.parse(lastModified);
};

const CONTENT_TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  xml: 'application/xml; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
};

/** The content type for a served file, or undefined for files the sites never serve (e.g. README.md). */
export const contentTypeOf = (path: string): string | undefined => CONTENT_TYPES[path.slice(path.lastIndexOf('.') + 1)];

/** A small HTML body for error and redirect responses, so clients that parse every body get HTML. */
export const statusPage = (title: string, text: string): Buffer =>
  Buffer.from(`<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1><p>${text}</p></body></html>\n`);
