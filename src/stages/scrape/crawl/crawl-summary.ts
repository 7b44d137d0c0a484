import type { SitemapError } from '../sitemap.js';
import type { AssetCounts } from './asset-cache.js';
import type { CrawlRecord } from '../state/crawl-state.js';

/** The crawl's section of the manifest (`reports.scrape`): the input of scheduled re-collection. */
export interface CrawlSummary {
  pages: number;
  new: number;
  same: number;
  changed: number;
  removed: { url: string; reason: 'gone' | 'unreachable' }[];
  failed: number;
  robotsDisallowed: number;
  /** Requests answered (retries included) and of those, 304s. */
  responses: number;
  notModified: number;
  /** Pages whose HTML was extracted this run (not taken from the cache). */
  extracted: number;
  /** Pages a killed crawl had finished, taken from the journal instead of fetched. */
  resumed: number;
  truncatedAtMaxPages: boolean;
  /** Sitemaps that could not be fetched or parsed (their pages may still be reached by links). */
  sitemapErrors: SitemapError[];
  /** Last lines of the crawl state cut short by a killed run and skipped (their pages were fetched again). */
  tornLines: number;
  /** What rendered pages asked for (only when a page was rendered): see asset-cache.ts. */
  assets?: AssetCounts;
}

export const emptySummary = (): CrawlSummary => ({
  pages: 0,
  new: 0,
  same: 0,
  changed: 0,
  removed: [],
  failed: 0,
  robotsDisallowed: 0,
  responses: 0,
  notModified: 0,
  extracted: 0,
  resumed: 0,
  truncatedAtMaxPages: false,
  sitemapErrors: [],
  tornLines: 0,
});

/**
 * Pages of the previous crawl that this one did not find: `gone` when their URL now answers
 * 404/410, `unreachable` when nothing links to them any more. A crawl cut short by maxPages cannot
 * tell unreachable from not reached, so it reports only the gone ones.
 */
export const removedPages = (
  previousPages: ReadonlyMap<string, CrawlRecord>,
  pageIds: ReadonlySet<string>,
  records: ReadonlyMap<string, CrawlRecord>,
  truncated: boolean,
): CrawlSummary['removed'] => {
  const removed: CrawlSummary['removed'] = [];
  for (const [id, before] of previousPages) {
    if (pageIds.has(id)) continue;
    if (records.get(before.url)?.code === 'not_found') removed.push({ url: id, reason: 'gone' });
    else if (!truncated) removed.push({ url: id, reason: 'unreachable' });
  }
  return removed.sort((a, b) => (a.url < b.url ? -1 : 1));
};
