/**
 * How big the crawl benchmark is when --crawl-pages / --crawl-rounds are not given. The full
 * benchmark (any size of 50,000 records or more) crawls 2,000 pages in 3 rounds, which takes
 * minutes; a smoke run (`--records 2000`) scales the site with the records, one page per 20
 * records but at least 50, in one round, so it takes seconds like the rest of the smoke run.
 */
export const FULL_CRAWL = { pages: 2000, rounds: 3 } as const;
export const SMOKE_BELOW_RECORDS = 50_000;
const RECORDS_PER_PAGE = 20;
const MIN_PAGES = 50;

export const crawlScale = (sizes: readonly number[], given: { pages?: number | undefined; rounds?: number | undefined }): { pages: number; rounds: number } => {
  const largest = Math.max(0, ...sizes);
  const smoke = largest < SMOKE_BELOW_RECORDS;
  const pages = given.pages ?? (smoke ? Math.min(FULL_CRAWL.pages, Math.max(MIN_PAGES, Math.ceil(largest / RECORDS_PER_PAGE))) : FULL_CRAWL.pages);
  return { pages, rounds: given.rounds ?? (smoke ? 1 : FULL_CRAWL.rounds) };
};
