// One measured crawl in its own process:
//   node --import tsx bench/crawl-child.ts stage|bare|crawlee-defaults|docs-qa <start URL> <concurrency> <cache dir>
// Prints one JSON line (CrawlChildReport) on stdout.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pipeline } from '../src/pipeline/pipeline.js';
import { runPipeline } from '../src/pipeline/runner.js';
import { scrape } from '../src/stages/scrape/index.js';
import { bareCrawl, crawleeDefaultsCrawl } from './crawl-bare.js';

export interface CrawlChildReport {
  mode: 'stage' | 'bare' | 'crawlee-defaults' | 'docs-qa';
  pages: number;
  wallMs: number;
  peakRssMB: number;
  report?: unknown;
  /** docs-qa: user + system CPU of the run, its examples, its stages' self time and the sha256 of its data files. */
  cpuMs?: number;
  examples?: number;
  stageMs?: Record<string, number>;
  files?: Record<string, string>;
}

const [mode, start, concurrencyArg, cacheDir] = process.argv.slice(2);
const concurrency = Number(concurrencyArg);

const run = async (): Promise<CrawlChildReport> => {
  // The scrape stage imports Crawlee when it starts crawling (about 1.7 s here); load it before the
  // clock starts, as the import at module load did before, so pages/s compares crawling with crawling.
  if (mode === 'stage' || mode === 'docs-qa') await import('crawlee');
  // Likewise the crawl's own modules (compiled by tsx on first import, about a second): both docs-qa runs load them alike.
  if (mode === 'docs-qa') await import('../src/stages/scrape/crawl/crawl.js');
  if (mode === 'docs-qa') return docsQaRun();
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

/**
 * pipelines/docs-qa.ts as users run it against a site (the per-host rate limit lifted, static
 * rendering, every page in scope), with the cache directory given: the first run fills it, a
 * re-run over it revalidates and reuses.
 */
const docsQaRun = async (): Promise<CrawlChildReport> => {
  const { default: docsQa } = await import('../pipelines/docs-qa.js');
  const out = join(mkdtempSync(join(tmpdir(), 'tuneset-docs-qa-bench-')), 'run');
  const t0 = performance.now();
  const cpu = process.cpuUsage();
  const result = await runPipeline(docsQa, {
    inputs: [start!],
    outDir: out,
    cacheDir: cacheDir!,
    params: { rps: '1000000000', concurrency: String(concurrency), maxPages: '100000', render: 'static' },
  });
  const wallMs = performance.now() - t0;
  const used = process.cpuUsage(cpu);
  const report = result.manifest.reports['scrape'] as { pages: number };
  const files = Object.fromEntries(Object.entries(result.manifest.files).map(([name, f]) => [name, f.sha256]));
  rmSync(dirname(out), { recursive: true, force: true });
  return {
    mode: 'docs-qa',
    pages: report.pages,
    wallMs,
    cpuMs: (used.user + used.system) / 1000,
    peakRssMB: process.resourceUsage().maxRSS / 1024,
    examples: result.manifest.stages.at(-1)?.out ?? 0,
    stageMs: Object.fromEntries(result.manifest.stages.map((s) => [s.name, s.ms])),
    files,
    report,
  };
};

run().then(
  (r) => process.stdout.write(`${JSON.stringify(r)}\n`),
  (error: unknown) => {
    process.stderr.write(`crawl-child: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
