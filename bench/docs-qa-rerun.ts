// The docs-qa re-run benchmark (issue 12, "Incremental"): pipelines/docs-qa.ts against the generated
// crawl site (crawl-site.ts, its own process), a first run into a fresh cache directory, then an
// unchanged re-run over the same cache, each run in its own process (crawl-child.ts docs-qa). The
// re-run should send only conditional requests (robots.txt, the sitemap, every page answering 304),
// take extraction and token counts from the cache, write the same train and validation files, and
// take at most DOCS_QA_RERUN_TARGET of the first run's time.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCrawlChild, startSite } from './crawl.js';
import type { CrawlChildReport } from './crawl-child.js';
import { REQUEST_COUNTS_PATH, type RequestCounts } from './crawl-site.js';
import type { TargetVerdict } from './results.js';

/** The re-run's wall time over the first run's, at most. */
export const DOCS_QA_RERUN_TARGET = 0.25;

export interface DocsQaRerunResult {
  pages: number;
  concurrency: number;
  first?: CrawlChildReport & { requests: RequestCounts };
  rerun?: CrawlChildReport & { requests: RequestCounts };
  /** rerun wall / first wall. */
  ratio: number | null;
  /** The data files (train, validation, test) of both runs have the same sha256. */
  sameData: boolean;
  error?: string;
}

const DATA_FILES = /^(train|validation|test)\.jsonl$/;

const requestCounts = async (origin: string): Promise<RequestCounts> => (await (await fetch(`${origin}${REQUEST_COUNTS_PATH}`)).json()) as RequestCounts;

const dataFiles = (r: CrawlChildReport): Record<string, string> => Object.fromEntries(Object.entries(r.files ?? {}).filter(([name]) => DATA_FILES.test(name)));

export const benchDocsQaRerun = async (root: string, pages: number, concurrency: number): Promise<DocsQaRerunResult> => {
  const site = await startSite(root, pages);
  const cache = mkdtempSync(join(tmpdir(), 'tuneset-docs-qa-cache-'));
  const result: DocsQaRerunResult = { pages, concurrency, ratio: null, sameData: false };
  try {
    const args = ['docs-qa', `${site.origin}/`, String(concurrency), cache];
    await requestCounts(site.origin);
    result.first = { ...(await runCrawlChild(root, args)), requests: await requestCounts(site.origin) };
    result.rerun = { ...(await runCrawlChild(root, args)), requests: await requestCounts(site.origin) };
    result.ratio = result.rerun.wallMs / result.first.wallMs;
    const [a, b] = [dataFiles(result.first), dataFiles(result.rerun)];
    result.sameData = Object.keys(a).length > 0 && JSON.stringify(a) === JSON.stringify(b);
  } catch (error) {
    result.error = error instanceof Error ? error.message : String(error);
  } finally {
    site.stop();
    rmSync(cache, { recursive: true, force: true });
  }
  return result;
};

export const evaluateDocsQaRerun = (r: DocsQaRerunResult): TargetVerdict[] => {
  if (!r.first || !r.rerun || r.ratio === null) return [{ target: 'docs-qa re-run', value: r.error ?? 'did not run', verdict: 'n/a' }];
  const q = r.rerun.requests;
  const onlyConditional = q.requests > 0 && q.conditional === q.requests && q.notModified === q.requests;
  return [
    {
      target: `docs-qa unchanged re-run <= ${DOCS_QA_RERUN_TARGET * 100}% of the first run's time`,
      value: `${(r.ratio * 100).toFixed(1)}% (${(r.rerun.wallMs / 1000).toFixed(2)}s vs ${(r.first.wallMs / 1000).toFixed(2)}s)`,
      verdict: r.ratio <= DOCS_QA_RERUN_TARGET ? 'PASS' : 'MISS',
    },
    {
      target: 'docs-qa re-run sends only conditional requests, all answered 304',
      value: `${q.conditional} of ${q.requests} conditional, ${q.notModified} answered 304`,
      verdict: onlyConditional ? 'PASS' : 'MISS',
    },
    { target: 'docs-qa re-run writes the same train/validation files', value: r.sameData ? 'same sha256' : 'DIFFERENT', verdict: r.sameData ? 'PASS' : 'MISS' },
  ];
};

export const formatDocsQaRerun = (r: DocsQaRerunResult): string => {
  if (!r.first || !r.rerun) return `   docs-qa re-run benchmark CRASHED: ${r.error}`;
  const row = (name: string, x: CrawlChildReport & { requests: RequestCounts }) => {
    const stages = Object.entries(x.stageMs ?? {})
      .map(([s, ms]) => `${s} ${ms}`)
      .join(', ');
    return [
      `   ${name.padEnd(18)} ${(x.wallMs / 1000).toFixed(2).padStart(7)}s wall ${((x.cpuMs ?? 0) / 1000).toFixed(2).padStart(7)}s CPU  ${String(x.pages).padStart(5)} pages ${String(x.examples).padStart(6)} examples  ${x.requests.requests} requests (${x.requests.conditional} conditional, ${x.requests.notModified} x 304)`,
      `   ${''.padEnd(18)} stage ms: ${stages}`,
    ];
  };
  return [...row('first run', r.first), ...row('unchanged re-run', r.rerun), `   re-run / first run: ${((r.ratio ?? 0) * 100).toFixed(1)}% wall, ${(((r.rerun.cpuMs ?? 0) / (r.first.cpuMs ?? 1)) * 100).toFixed(1)}% CPU`].join('\n');
};
