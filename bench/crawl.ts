// The crawl benchmark: a generated site of N pages served by its own process on 127.0.0.1, crawled
// by the scrape stage and by a bare fetch + cheerio loop at the same concurrency, each in its own
// process. Targets: the stage at >= 50% of the bare loop's pages/s, and at 20,000 pages the stage's
// crawl under 1 GiB of RSS (each crawl's peak RSS per page is printed beside it). Crawlee's
// CheerioCrawler with its defaults is measured too, as the point the stage's configuration started from.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { CrawlChildReport } from './crawl-child.js';
import type { TargetVerdict } from './results.js';

export const CRAWL_TARGET = 0.5;
export const CRAWL_TARGETS = {
  /** Median stage / bare pages per second. */
  minRatio: CRAWL_TARGET,
  /** The stage's crawl (first or re-crawl), peak RSS in MiB ... */
  maxStageRssMB: 1024,
  /** ... judged from this many pages up (issue 13: a 20,000-page site). */
  rssFromPages: 20_000,
};

type Measured = CrawlChildReport & { pagesPerSec: number; rssKiBPerPage: number };

export interface CrawlRound {
  bare: Measured;
  /** Crawlee's CheerioCrawler with its defaults: where the stage's tuning started from. */
  crawleeDefaults: Measured;
  stage: Measured;
  /** A second stage run over the same cache: every page revalidated (304) and taken from the cache. */
  recrawl: Measured;
  ratio: number;
}

export interface CrawlBenchResult {
  pages: number;
  concurrency: number;
  rounds: CrawlRound[];
  /** The median round's stage / bare pages-per-second ratio: one noisy round does not decide. */
  ratio: number | null;
  error?: string;
}

export const startSite = (root: string, pages: number) =>
  new Promise<{ origin: string; stop: () => void }>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'bench', 'crawl-site.ts'), '--pages', String(pages)], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    child.on('error', reject);
    createInterface({ input: child.stdout }).once('line', (line) => {
      const { origin } = JSON.parse(line) as { origin: string };
      resolve({ origin, stop: () => child.kill('SIGTERM') });
    });
  });

export const runCrawlChild = (root: string, args: string[], profileDir?: string) =>
  new Promise<CrawlChildReport>((resolve, reject) => {
    const profile = profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir, '--cpu-prof-name', `crawl-${args[0]}.cpuprofile`] : [];
    const child = spawn(process.execPath, ['--import', 'tsx', ...profile, join(root, 'bench', 'crawl-child.ts'), ...args], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`crawl child (${args[0]}) exited with ${code}`));
      resolve(JSON.parse(stdout.trim().split('\n').at(-1)!) as CrawlChildReport);
    });
  });

/** Peak RSS over pages: the crawler's own start-up memory is in it, so it falls as the site grows; the growth shows between sizes. */
const withRate = (r: CrawlChildReport) => ({ ...r, pagesPerSec: r.pages / (r.wallMs / 1000), rssKiBPerPage: r.pages > 0 ? (r.peakRssMB * 1024) / r.pages : 0 });

export const benchCrawl = async (root: string, pages: number, concurrency: number, rounds: number, profileDir?: string): Promise<CrawlBenchResult> => {
  const site = await startSite(root, pages);
  const done: CrawlRound[] = [];
  try {
    const start = `${site.origin}/`;
    for (let i = 0; i < rounds; i++) {
      // A fresh cache per round: the first stage run crawls cold, the second revalidates everything.
      const cache = mkdtempSync(join(tmpdir(), 'tuneset-crawl-cache-'));
      try {
        const bare = withRate(await runCrawlChild(root, ['bare', start, String(concurrency), cache]));
        const crawleeDefaults = withRate(await runCrawlChild(root, ['crawlee-defaults', start, String(concurrency), cache]));
        const stage = withRate(await runCrawlChild(root, ['stage', start, String(concurrency), cache], i === 0 ? profileDir : undefined));
        const recrawl = withRate(await runCrawlChild(root, ['stage', start, String(concurrency), cache]));
        done.push({ bare, crawleeDefaults, stage, recrawl, ratio: stage.pagesPerSec / bare.pagesPerSec });
      } finally {
        rmSync(cache, { recursive: true, force: true });
      }
    }
    const sorted = done.map((r) => r.ratio).sort((a, b) => a - b);
    return { pages, concurrency, rounds: done, ratio: sorted[Math.floor(sorted.length / 2)] ?? null };
  } catch (error) {
    return { pages, concurrency, rounds: done, ratio: null, error: error instanceof Error ? error.message : String(error) };
  } finally {
    site.stop();
  }
};

export const formatCrawl = (r: CrawlBenchResult): string => {
  if (r.error || r.ratio === null) return `   crawl benchmark CRASHED: ${r.error}`;
  const row = (name: string, x: Measured) =>
    `   ${name.padEnd(34)} ${String(x.pages).padStart(6)} pages  ${(x.wallMs / 1000).toFixed(2).padStart(6)}s  ${x.pagesPerSec.toFixed(0).padStart(6)} pages/s  ${x.peakRssMB.toFixed(0).padStart(5)} MiB peak RSS  ${x.rssKiBPerPage.toFixed(1).padStart(7)} KiB/page`;
  const lines = r.rounds.flatMap((round, i) => [
    `   round ${i + 1}: stage / bare ${(round.ratio * 100).toFixed(1)}%`,
    row('  bare fetch + cheerio loop', round.bare),
    row('  CheerioCrawler, Crawlee defaults', round.crawleeDefaults),
    row('  scrape stage, first crawl', round.stage),
    row('  scrape stage, re-crawl (304s)', round.recrawl),
  ]);
  return [...lines, `   median stage / bare: ${(r.ratio * 100).toFixed(1)}%`].join('\n');
};

/** The stage's speed against the bare loop, and its memory on a big site. */
export const evaluateCrawl = (r: CrawlBenchResult): TargetVerdict[] => {
  if (r.error || r.ratio === null) return [{ target: 'crawl benchmark', value: `crashed: ${r.error}`, verdict: 'MISS' }];
  const pages = r.pages.toLocaleString('en-US');
  const stages = r.rounds.flatMap((round) => [round.stage, round.recrawl]);
  const worst = stages.reduce((a, b) => (b.peakRssMB > a.peakRssMB ? b : a));
  const rss = `${worst.peakRssMB.toFixed(1)} MiB (${worst.rssKiBPerPage.toFixed(1)} KiB/page over ${worst.pages.toLocaleString('en-US')} pages)`;
  const big = r.pages >= CRAWL_TARGETS.rssFromPages;
  return [
    { target: `crawl: median stage / bare pages/s >= ${CRAWL_TARGETS.minRatio * 100}% @ ${pages} pages`, value: `${(r.ratio * 100).toFixed(1)}%`, verdict: r.ratio >= CRAWL_TARGETS.minRatio ? 'PASS' : 'MISS' },
    {
      target: `crawl: stage crawl peak RSS < ${CRAWL_TARGETS.maxStageRssMB} MiB @ ${CRAWL_TARGETS.rssFromPages.toLocaleString('en-US')} pages`,
      value: big ? rss : `${rss} (n/a: ${pages} pages; --crawl-pages ${CRAWL_TARGETS.rssFromPages} judges it)`,
      verdict: big ? (worst.peakRssMB < CRAWL_TARGETS.maxStageRssMB ? 'PASS' : 'MISS') : 'n/a',
    },
  ];
};
