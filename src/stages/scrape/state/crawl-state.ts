import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../../../pipeline/atomic-file.js';
import type { Json } from '../../../pipeline/item.js';
import type { ExtractedPage } from '../extract/index.js';
import type { RobotsDecision } from '../polite/robots.js';

/** How a page compares with the previous completed crawl. */
export type PageChange = 'new' | 'same' | 'changed';

/** One finished URL of a crawl: a page (with its content hash) or a failure (with its drop code). */
export interface CrawlRecord {
  /** The normalised URL the crawl requested: the key. */
  url: string;
  outcome: 'page' | 'failed';
  depth: number;
  fetchedAt: string;
  robots: RobotsDecision;
  finalUrl?: string;
  status?: number;
  etag?: string;
  lastModified?: string;
  contentHash?: string;
  render?: 'static' | 'browser';
  change?: PageChange;
  code?: string;
  detail?: Json;
}

/**
 * The crawl's memory between runs, under `output/<pipeline>/cache/scrape/<crawl>/`:
 * - `journal.jsonl`: every URL finished by the crawl in progress, appended (synchronously) as it
 *   finishes, so a crawl killed with -9 resumes without fetching those again;
 * - `pages.jsonl`: the last completed crawl, what the next run sends conditional requests from
 *   and marks pages new, same, changed or removed against;
 * - `../bodies/<sha256>.json`: extracted pages by the sha256 of the fetched bytes, so a 304 or an
 *   unchanged body is never extracted again (shared by every crawl of the pipeline).
 */
export class CrawlState {
  readonly previous: Map<string, CrawlRecord>;
  /** URLs the interrupted crawl already finished, replayed instead of fetched. */
  readonly resumed: Map<string, CrawlRecord>;
  private readonly journalPath: string;
  private readonly bodiesDir: string;
  private readonly bodies: Set<string>;

  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
    this.bodiesDir = join(dir, '..', 'bodies');
    mkdirSync(this.bodiesDir, { recursive: true });
    this.journalPath = join(dir, 'journal.jsonl');
    // Listed once: most lookups are for bodies not seen before, and a failed read per page costs.
    this.bodies = new Set(readdirSync(this.bodiesDir).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -'.json'.length)));
    this.previous = readRecords(join(dir, 'pages.jsonl'));
    this.resumed = readRecords(this.journalPath);
  }

  record(record: CrawlRecord): void {
    appendFileSync(this.journalPath, `${JSON.stringify(record)}\n`);
  }

  hasBody(hash: string): boolean {
    return this.bodies.has(hash);
  }

  loadBody(hash: string): ExtractedPage | undefined {
    if (!this.bodies.has(hash)) return undefined;
    try {
      return JSON.parse(readFileSync(this.bodyPath(hash), 'utf8')) as ExtractedPage;
    } catch {
      return undefined;
    }
  }

  /** Written before the journal line that points at it, and atomically: a kill never leaves a torn body. */
  saveBody(hash: string, page: ExtractedPage): void {
    if (this.bodies.has(hash)) return;
    const path = this.bodyPath(hash);
    // Rename without fsync: this guards against a killed process, not a power cut, and an fsync
    // per page would cost more than the fetch on a local crawl.
    writeFileSync(`${path}.partial`, JSON.stringify(page));
    renameSync(`${path}.partial`, path);
    this.bodies.add(hash);
  }

  /** The crawl finished: its records become the baseline of the next run and the journal goes. */
  complete(records: Iterable<CrawlRecord>): void {
    const lines = [...records].sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0)).map((r) => JSON.stringify(r));
    writeFileAtomic(join(this.dir, 'pages.jsonl'), lines.length ? `${lines.join('\n')}\n` : '');
    rmSync(this.journalPath, { force: true });
  }

  private bodyPath(hash: string): string {
    return join(this.bodiesDir, `${hash}.json`);
  }
}

/** Reads records by URL; a last line torn by a kill is ignored (its page is simply fetched again). */
const readRecords = (path: string): Map<string, CrawlRecord> => {
  const out = new Map<string, CrawlRecord>();
  if (!existsSync(path)) return out;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line) continue;
    try {
      const record = JSON.parse(line) as CrawlRecord;
      out.set(record.url, record);
    } catch {
      // Only the last line can be torn; anything before it was written whole.
    }
  }
  return out;
};
