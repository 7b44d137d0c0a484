import { readAppendOnlyJsonl } from '../../../pipeline/append-only-jsonl.js';
import { writeFileAtomic } from '../../../pipeline/atomic-file.js';
import { isRecord } from '../../../pipeline/item.js';

/** A robots.txt or sitemap as last fetched with a 2xx: its validators and body. */
export interface CachedText {
  url: string;
  etag?: string;
  lastModified?: string;
  body: string;
}

/** What a fetch of a robots.txt or sitemap answered, as the crawl's readers of them take it. */
export interface TextResponse {
  status: number;
  body: string;
}

const isCachedText = (v: unknown): v is CachedText => isRecord(v) && typeof v['url'] === 'string' && typeof v['body'] === 'string';

const header = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);

/**
 * robots.txt and sitemaps (`texts.jsonl` beside `pages.jsonl`) for conditional requests on the
 * next crawl: a file answered with an ETag or Last-Modified is kept with its body, the next crawl
 * sends If-None-Match / If-Modified-Since, and a 304 is read as the kept body with a 200. Anything
 * else (a 4xx, a 5xx, a network error) is what the server said now: the kept copy is not used in
 * its place, so robots.txt keeps RFC 9309's meaning (4xx allows all, 5xx disallows all); a 304 is
 * a revalidation, so the copy is as fresh as a new fetch. Like `pages.jsonl`, the file is replaced
 * (atomically) only when a crawl completes, with the files that crawl read.
 */
export class TextCache {
  private readonly previous: Map<string, CachedText>;
  private readonly current = new Map<string, CachedText>();

  constructor(private readonly path: string) {
    // Written whole and renamed into place, so a torn line here means the file was edited.
    const { values } = readAppendOnlyJsonl(path, { check: isCachedText, what: 'a cached robots.txt or sitemap', remedy: 'Delete it; robots.txt and sitemaps are then fetched in full once.' });
    this.previous = new Map(values.map((t) => [t.url, t]));
  }

  /** If-None-Match / If-Modified-Since for `url` when the last completed crawl kept it. */
  conditionalHeaders(url: string): Record<string, string> {
    const before = this.previous.get(url);
    if (!before) return {};
    return { ...(before.etag ? { 'if-none-match': before.etag } : {}), ...(before.lastModified ? { 'if-modified-since': before.lastModified } : {}) };
  }

  /** The answer as its reader should see it (a 304 becomes the kept body), remembering what to revalidate next time. */
  settle(url: string, status: number, body: string, headers: Record<string, string | string[] | undefined>): TextResponse {
    const before = this.previous.get(url);
    if (status === 304 && before) {
      const etag = header(headers['etag']) ?? before.etag;
      const lastModified = header(headers['last-modified']) ?? before.lastModified;
      this.current.set(url, { url, ...(etag ? { etag } : {}), ...(lastModified ? { lastModified } : {}), body: before.body });
      return { status: 200, body: before.body };
    }
    const etag = header(headers['etag']);
    const lastModified = header(headers['last-modified']);
    if (status >= 200 && status < 300 && (etag || lastModified)) this.current.set(url, { url, ...(etag ? { etag } : {}), ...(lastModified ? { lastModified } : {}), body });
    return { status, body };
  }

  /** The crawl completed: what it read becomes what the next crawl revalidates. */
  save(): void {
    const all = [...this.current.values()].sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
    writeFileAtomic(this.path, all.map((t) => `${JSON.stringify(t)}\n`).join(''));
  }
}
