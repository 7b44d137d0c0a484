// One measured crawl in its own process:
//   node --import tsx bench/crawl-child.ts stage|bare|crawlee-defaults <start URL> <concurrency> <cache dir>
// Prints one JSON line (CrawlChildReport) on stdout.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pipeline } from '../src/pipeline/pipeline.js';
import { runPipeline } from '../src/pipeline/runner.js';
import { scrape } from '../src/stages/scrape/index.js';
import { bareCrawl, crawleeDefaultsCrawl } from './crawl-bare.js';

export interface CrawlChildReport {
  mode: 'stage' | 'bare' | 'crawlee-defaults';
  pages: number;
  wallMs: number;
  peakRssMB: number;
  report?: unknown;
}

const [mode, start, concurrencyArg, cacheDir] = process.argv.slice(2);
const concurrency = Number(concurrencyArg);

const run = async (): Promise<CrawlChildReport> => {
  // The scrape stage imports Crawlee when it starts crawling (about 1.7 s here); load it before the
  // clock starts, as the import at module load did before, so pages/s compares crawling with crawling.
  if (mode === 'stage') await import('crawlee');
  const t0 = performance.now();
  if (mode === 'bare' || mode === 'crawlee-defaults') {
    const r = mode === 'bare' ? await bareCrawl(start!, concurrency) : await crawleeDefaultsCrawl(start!, concurrency);
    return { mode, pages: r.pages, wallMs: performance.now() - t0, peakRssMB: process.resourceUsage().maxRSS / 1024 };
  }
  // The stage as users get it (robots, persistence, extraction, retries on), the per-host rate limit lifted.
  const p = pipeline('bench-crawl', { model: 'gpt-4o-mini-2024-07-18' }).from(
    scrape({ startUrls: [start!], concurrency, requestsPerSecond: 1e9, maxPages: 100_000, userAgent: 'tuneset-bench/1.0' }),
  );
  const out = join(mkdtempSync(join(tmpdir(), 'tuneset-crawl-bench-')), 'run');
  const result = await runPipeline(p, { outDir: out, cacheDir: cacheDir! });
  const report = result.manifest.reports['scrape'] as { pages: number };
  return { mode: 'stage', pages: report.pages, wallMs: performance.now() - t0, peakRssMB: process.resourceUsage().maxRSS / 1024, report };
};

run().then(
  (r) => process.stdout.write(`${JSON.stringify(r)}\n`),
  (error: unknown) => {
    process.stderr.write(`crawl-child: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
