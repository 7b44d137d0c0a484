export { scrape, type ScrapedPage } from './scrape.js';
export { ScrapeOptionsSchema, type ScrapeOptions } from './options.js';
export { findBrowser, BROWSER_HINT } from './crawl/find-browser.js';
