// The bare loop the scrape stage is measured against: breadth-first fetch + cheerio at a fixed
// concurrency, same-origin links only, the main element's text kept. No robots.txt, no pacing, no
// retries, no URL normalisation beyond dropping fragments, no persistence, no extraction beyond text.
import * as cheerio from 'cheerio';
import pLimit from 'p-limit';

export interface BareCrawlResult {
  pages: number;
  textChars: number;
}

export const bareCrawl = async (start: string, concurrency: number): Promise<BareCrawlResult> => {
  const origin = new URL(start).origin;
  const seen = new Set<string>([start]);
  const limit = pLimit(concurrency);
  const tasks: Promise<void>[] = [];
  let pages = 0;
  let textChars = 0;
  const visit = async (url: string): Promise<void> => {
    const response = await fetch(url);
    const html = await response.text();
    const $ = cheerio.load(html);
    pages++;
    textChars += $('main').text().length;
    for (const a of $('a[href]').toArray()) {
      const next = new URL($(a).attr('href')!, url);
      next.hash = '';
      if (next.origin !== origin || seen.has(next.href)) continue;
      seen.add(next.href);
      tasks.push(limit(() => visit(next.href)));
    }
  };
  tasks.push(limit(() => visit(start)));
  // Tasks are added while others run: wait until the list stops growing.
  for (let done = 0; done < tasks.length; done++) await tasks[done];
  return { pages, textChars };
};

/**
 * What the stage's tuning is measured from: Crawlee's CheerioCrawler with its defaults (session
 * pool, generated browser headers, got-scraping, autoscaling from 1) and in-memory storage,
 * following same-origin links with enqueueLinks, keeping the main element's text.
 */
export const crawleeDefaultsCrawl = async (start: string, concurrency: number): Promise<BareCrawlResult> => {
  const { CheerioCrawler, Configuration, Log, LogLevel } = await import('crawlee');
  let pages = 0;
  let textChars = 0;
  const crawler = new CheerioCrawler(
    {
      maxConcurrency: concurrency,
      log: new Log({ level: LogLevel.OFF }),
      requestHandler: async ({ $, enqueueLinks }) => {
        pages++;
        textChars += $('main').text().length;
        await enqueueLinks({ strategy: 'same-origin' });
      },
    },
    new Configuration({ persistStorage: false }),
  );
  await crawler.run([start]);
  return { pages, textChars };
};
