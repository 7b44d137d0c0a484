import type { Clock } from '../../pipeline/clock.js';
import { ProgressMeter, rateAndEta, type ProgressSnapshot } from '../../pipeline/progress-meter.js';
import type { CrawlSummary } from './crawl/crawl-summary.js';

type Counts = Pick<CrawlSummary, 'pages' | 'failed' | 'notModified' | 'truncatedAtMaxPages'>;

/**
 * scrape's status line: `120/340 URLs done: 118 pages (15 not modified), 2 failed, 6.0/s, ETA 37s`.
 * A URL is done when it became a page or a failure. The total is the frontier known so far (URLs
 * taken into the crawl, at most maxPages): links on pages not fetched yet can add to it, so the ETA
 * is for the URLs known, a lower bound until the crawl stops finding new ones.
 */
export const crawlProgressText = (counts: Counts, progress: ProgressSnapshot): string => {
  const total = progress.total === undefined ? '' : `/${progress.total}`;
  const capped = counts.truncatedAtMaxPages ? ' (maxPages reached)' : '';
  const notModified = counts.notModified > 0 ? ` (${counts.notModified} not modified)` : '';
  return [
    `${progress.done}${total} URLs done${capped}: ${counts.pages} page${counts.pages === 1 ? '' : 's'}${notModified}`,
    ...(counts.failed > 0 ? [`${counts.failed} failed`] : []),
    ...rateAndEta(progress),
  ].join(', ');
};

/** Sets the status from the crawl's counts; call it whenever a URL is done. The first call is the rate's base. */
export const crawlStatus = (clock: Clock, crawl: { readonly summary: CrawlSummary; readonly frontier: number }, status: (text: string) => void) => {
  const meter = new ProgressMeter(clock);
  return () => {
    const s = crawl.summary;
    status(crawlProgressText(s, meter.update(s.pages + s.failed, crawl.frontier > 0 ? crawl.frontier : undefined)));
  };
};
