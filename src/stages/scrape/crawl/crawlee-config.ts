import { Configuration, Log, LogLevel } from 'crawlee';

/**
 * Each crawl gets its own Crawlee configuration with storage in memory: Crawlee's request queue is
 * only the crawl's work list, and our journal (state/crawl-state.ts) is what survives a kill.
 * Crawlee's on-disk storage would write a JSON file per request and purge it on the next start.
 */
export const crawlConfiguration = (): Configuration => new Configuration({ persistStorage: false, purgeOnStart: false });

/** Crawlee logs to the console by itself; the stage reports through its own logger instead. */
export const quietCrawleeLog = (): Log => new Log({ level: LogLevel.OFF });

/** Shared by both crawlers: fixed concurrency (no ramp-up from 1), and an idle crawl notices new work quickly. */
export const poolOptions = (concurrency: number) => ({
  minConcurrency: concurrency,
  maxConcurrency: concurrency,
  autoscaledPoolOptions: { maybeRunIntervalSecs: 0.02, desiredConcurrency: concurrency },
});
