import { closeSync, mkdirSync, openSync, readdirSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { readAppendOnlyJsonl } from '../../../pipeline/append-only-jsonl.js';
import { writeFileAtomic } from '../../../pipeline/atomic-file.js';
import { isRecord, type Json } from '../../../pipeline/item.js';
import { EXTRACTION_VERSION, type ExtractedPage } from '../extract/index.js';
import type { RobotsDecision } from '../polite/robots.js';
import { BodyPack } from './body-pack.js';
import { TextCache } from './text-cache.js';

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
 * - `bodies-v<EXTRACTION_VERSION>.pack`: extracted pages by the sha256 of the fetched bytes, so a
 *   304 or an unchanged body is never extracted again by the same extraction. A pack of another
 *   version is deleted: its pages (with Sphinx's `¶` left in, say) are fetched and extracted again;
 * - `texts.jsonl`: robots.txt and sitemaps of the last completed crawl with their validators, so
 *   the next crawl asks for them conditionally too (text-cache.ts).
 * Writes go to the OS as they happen (no fsync): this survives a killed process, not a power cut.
 */
export class CrawlState {
  readonly previous: Map<string, CrawlRecord>;
  /** URLs the interrupted crawl already finished, replayed instead of fetched. */
  readonly resumed: Map<string, CrawlRecord>;
  /** Last lines cut short by a killed run and skipped (their pages are fetched again). */
  readonly tornLines: number;
  /** robots.txt and sitemaps, revalidated instead of fetched again. */
  readonly texts: TextCache;
  private readonly journalPath: string;
  private readonly bodies: BodyPack;
  private journal: number | undefined;

  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
    this.journalPath = join(dir, 'journal.jsonl');
    const previous = readRecords(join(dir, 'pages.jsonl'), 'to crawl without a baseline (every page then counts as new)', false);
    // Repaired: the next record is appended to this file and must not land on the torn fragment.
    const resumed = readRecords(this.journalPath, 'to start the interrupted crawl over', true);
    this.previous = previous.records;
    this.resumed = resumed.records;
    this.tornLines = previous.tornLines + resumed.tornLines;
    const pack = `bodies-v${EXTRACTION_VERSION}.pack`;
    for (const f of readdirSync(dir)) if (f !== pack && STALE_PACK.test(f)) rmSync(join(dir, f), { force: true });
    this.bodies = new BodyPack(join(dir, pack));
    this.texts = new TextCache(join(dir, 'texts.jsonl'));
  }

  record(record: CrawlRecord): void {
    this.journal ??= openSync(this.journalPath, 'a');
    writeSync(this.journal, `${JSON.stringify(record)}\n`);
  }

  hasBody(hash: string): boolean {
    return this.bodies.has(hash);
  }

  loadBody(hash: string): ExtractedPage | undefined {
    return this.bodies.get<ExtractedPage>(hash);
  }

  /** Written before the journal line that points at it. */
  saveBody(hash: string, page: ExtractedPage): void {
    this.bodies.put(hash, page);
  }

  /** The crawl finished: its records become the baseline of the next run and the journal goes. */
  complete(records: Iterable<CrawlRecord>): void {
    const all = [...records].sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
    writeFileAtomic(join(this.dir, 'pages.jsonl'), all.map((r) => `${JSON.stringify(r)}\n`).join(''));
    this.texts.save();
    this.closeJournal();
    rmSync(this.journalPath, { force: true });
    this.bodies.compact(new Set(all.flatMap((r) => (r.contentHash ? [r.contentHash] : []))));
  }

  /** Closes the files; the journal stays for the next run to resume from. */
  close(): void {
    this.closeJournal();
    this.bodies.close();
  }

  private closeJournal(): void {
    if (this.journal !== undefined) closeSync(this.journal);
    this.journal = undefined;
  }
}

/** Packs of other extraction versions (`bodies.pack` is version 1's), and their compaction leftovers. */
const STALE_PACK = /^bodies(?:-v\d+)?\.pack(?:\.partial)?$/;

const isCrawlRecord = (v: unknown): v is CrawlRecord => isRecord(v) && typeof v['url'] === 'string' && (v['outcome'] === 'page' || v['outcome'] === 'failed');

/** Reads records by URL; a last line torn by a kill is skipped and counted (its page is simply fetched again). */
const readRecords = (path: string, remedy: string, repair: boolean): { records: Map<string, CrawlRecord>; tornLines: number } => {
  const { values, tornLines } = readAppendOnlyJsonl(path, { check: isCrawlRecord, what: 'a crawl record', remedy: `Delete it ${remedy}.`, repair });
  return { records: new Map(values.map((r) => [r.url, r])), tornLines };
};
