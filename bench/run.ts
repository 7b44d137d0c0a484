// npm run bench [-- --records N | --sizes 100k,1m] [--seed S] [--profile] [--keep]
//                 [--crawl-pages N] [--crawl-rounds R] [--crawl-concurrency C] [--annotations N]
//                 [--only records,crawl,docs-qa,annotate]
// (crawl pages and rounds default to 2,000 and 3, annotations to 10,000, all scaled down for a
// smoke run: crawl-scale.ts, annotate-scale.ts)
//
// For each size: a generated AR-LSAT corpus (cached), then the ar-lsat pipeline (default workers,
// exact-only, and at the smallest size --workers 1 compared byte for byte) and the single-threaded
// bare baseline, each in its own child process so each peak RSS is its own. Prints records/s, MB/s,
// peak RSS, the pipeline/baseline throughput ratio, marginal memory per record between sizes and
// per-stage self time, checks the targets (PASS/MISS), and writes output/bench/results.json. Then the crawl benchmark (crawl.ts): the scrape stage against a
// bare fetch + cheerio loop on a generated site served on 127.0.0.1. Then the docs-qa re-run benchmark
// (docs-qa-rerun.ts): the docs-qa pipeline on the same site, first run vs unchanged re-run. Then the annotation benchmark
// (annotate.ts): the annotate stage against the fake OpenAI server at 200 ms per answer, and its
// cached re-run. Exits non-zero only when a run crashes.
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { closeSync, mkdirSync, openSync, readSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import type { ChildReport, ChildRunOptions } from './child.js';
import { DEFAULT_SEED, ensureCorpus } from './generate-corpus.js';
import { evaluateTargets, formatBaselinePhases, formatMarginal, formatRuns, formatStages, formatTargets, marginalMemory, TARGETS, type RunMeasure, type SizeResult } from './results.js';
import { compareWithBaseline } from './same-output.js';
import { compareRunDirs, DATA_FILES } from './same-run-dir.js';
import { benchCrawl, CRAWL_TARGETS, evaluateCrawl, formatCrawl } from './crawl.js';
import { crawlScale } from './crawl-scale.js';
import { benchAnnotate } from './annotate.js';
import { annotateScale } from './annotate-scale.js';
import { ANNOTATE_TARGETS, evaluateAnnotate, formatAnnotate } from './annotate-targets.js';
import { benchDocsQaRerun, DOCS_QA_RERUN_TARGET, evaluateDocsQaRerun, formatDocsQaRerun } from './docs-qa-rerun.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BENCH_DIR = join(ROOT, 'output', 'bench');
const CHILD = join(ROOT, 'bench', 'child.ts');
const DEFAULT_SIZES = [50_000, 200_000];
const PARTS = ['records', 'crawl', 'docs-qa', 'annotate'] as const;
type Part = (typeof PARTS)[number];

const say = (s = '') => process.stdout.write(`${s}\n`);

const parseCount = (flag: string, raw: string): number => {
  const m = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(raw.trim());
  const n = m ? Math.round(Number(m[1]) * ({ k: 1e3, m: 1e6 }[m[2]!.toLowerCase()] ?? 1)) : NaN;
  if (!Number.isInteger(n) || n < 1) throw new Error(`${flag}: expected a positive number of records, got "${raw}"`);
  return n;
};

const options = () => {
  const { values } = parseArgs({
    options: {
      records: { type: 'string' },
      sizes: { type: 'string' },
      seed: { type: 'string', default: String(DEFAULT_SEED) },
      profile: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      // No defaults here: crawlScale decides them from the sizes when they are not given.
      'crawl-pages': { type: 'string' },
      'crawl-rounds': { type: 'string' },
      'crawl-concurrency': { type: 'string', default: '10' },
      annotations: { type: 'string' },
      // Which parts run (all by default): e.g. --only crawl for the 20,000-page crawl alone.
      only: { type: 'string' },
    },
  });
  const only = new Set(values.only?.split(',').map((s) => s.trim()) ?? PARTS);
  const unknown = [...only].filter((p) => !(PARTS as readonly string[]).includes(p));
  if (unknown.length > 0) throw new Error(`--only: unknown part ${unknown.join(', ')} (parts: ${PARTS.join(', ')})`);
  if (values.records !== undefined && values.sizes !== undefined) throw new Error('give --records or --sizes, not both');
  const sizes = values.records !== undefined ? [parseCount('--records', values.records)] : values.sizes?.split(',').map((s) => parseCount('--sizes', s)) ?? DEFAULT_SIZES;
  const seed = Number(values.seed);
  if (!Number.isInteger(seed) || seed < 0) throw new Error(`--seed: expected a non-negative integer, got "${values.seed}"`);
  const given = (flag: 'crawl-pages' | 'crawl-rounds') => (values[flag] === undefined ? undefined : parseCount(`--${flag}`, values[flag]));
  const crawl = { ...crawlScale(sizes, { pages: given('crawl-pages'), rounds: given('crawl-rounds') }), concurrency: parseCount('--crawl-concurrency', values['crawl-concurrency']) };
  const annotations = annotateScale(sizes, values.annotations === undefined ? undefined : parseCount('--annotations', values.annotations));
  return { sizes: [...new Set(sizes)].sort((a, b) => a - b), seed, profile: values.profile, keep: values.keep, crawl, annotations, only: only as ReadonlySet<Part> };
};

/** Reads the file once so the first measured run does not pay for a cold page cache. */
const prewarm = (path: string) => {
  const fd = openSync(path, 'r');
  const buf = Buffer.allocUnsafe(8 << 20);
  try {
    while (readSync(fd, buf, 0, buf.length, null) > 0);
  } finally {
    closeSync(fd);
  }
};

const runChild = (mode: 'pipeline' | 'baseline', corpus: string, out: string, profileName?: string, runOptions?: ChildRunOptions): Promise<{ report?: ChildReport; error?: string; processMs: number }> =>
  new Promise((done) => {
    const profile = profileName ? ['--cpu-prof', '--cpu-prof-dir', join(BENCH_DIR, 'profiles'), '--cpu-prof-name', `${profileName}.cpuprofile`] : [];
    const t0 = performance.now();
    const child = spawn(process.execPath, ['--import', 'tsx', ...profile, CHILD, mode, corpus, out, ...(runOptions ? [JSON.stringify(runOptions)] : [])], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.on('error', (e) => done({ error: e.message, processMs: performance.now() - t0 }));
    child.on('close', (code, signal) => {
      const processMs = performance.now() - t0;
      const last = stdout.trim().split('\n').at(-1) ?? '';
      if (code !== 0) return done({ error: `exited with ${signal ?? `code ${code}`}`, processMs });
      try {
        done({ report: JSON.parse(last) as ChildReport, processMs });
      } catch {
        done({ error: `no report on stdout (got ${JSON.stringify(last.slice(0, 200))})`, processMs });
      }
    });
  });

const measure = (run: Awaited<ReturnType<typeof runChild>>, records: number, bytes: number): RunMeasure => {
  const r = run.report;
  if (!r) return { ok: false, error: run.error ?? 'unknown', wallMs: 0, processMs: run.processMs, recordsPerSec: 0, mbPerSec: 0, peakRssMB: 0 };
  const s = r.wallMs / 1000;
  return { ok: true, wallMs: r.wallMs, processMs: run.processMs, recordsPerSec: records / s, mbPerSec: bytes / 1e6 / s, peakRssMB: r.peakRssMB, report: r };
};

/** The pipeline child's default thread count: what the runner picks when --workers is not given. */
const DEFAULT_WORKERS = availableParallelism();

const benchSize = async (size: number, seed: number, profile: boolean, keep: boolean, checkWorkers: boolean): Promise<SizeResult> => {
  const t0 = performance.now();
  const corpus = ensureCorpus(size, seed, BENCH_DIR);
  const how = corpus.cached ? 'cached' : `generated in ${((performance.now() - t0) / 1000).toFixed(1)}s`;
  say(`\n== ${size.toLocaleString('en-US')} records: ${relative(ROOT, corpus.path)} (${how}; ${(corpus.bytes / 1e6).toFixed(1)} MB, ${corpus.passages} passages, ${corpus.duplicates} duplicate questions)`);
  prewarm(corpus.path);

  const runs = join(BENCH_DIR, 'runs');
  const runDir = join(runs, `n${size}-pipeline`);
  const baselineDir = join(runs, `n${size}-baseline`);
  rmSync(runDir, { recursive: true, force: true });
  rmSync(baselineDir, { recursive: true, force: true });
  mkdirSync(baselineDir, { recursive: true });

  say(`   pipeline (${DEFAULT_WORKERS} workers, the default) ...`);
  const pipeline = measure(await runChild('pipeline', corpus.path, runDir, profile ? `pipeline-n${size}` : undefined), corpus.records, corpus.bytes);
  say(pipeline.ok ? `   pipeline: ${(pipeline.wallMs / 1000).toFixed(1)}s` : `   pipeline CRASHED: ${pipeline.error}`);
  // The same build with exact dedupe only: the near-dedupe target compares the two.
  const exactDir = join(runs, `n${size}-pipeline-exact`);
  rmSync(exactDir, { recursive: true, force: true });
  say('   pipeline, exact dedupe only ...');
  const exactOnly = measure(await runChild('pipeline', corpus.path, exactDir, undefined, { params: { nearDuplicates: '0' } }), corpus.records, corpus.bytes);
  say(exactOnly.ok ? `   pipeline, exact dedupe only: ${(exactOnly.wallMs / 1000).toFixed(1)}s` : `   pipeline (exact only) CRASHED: ${exactOnly.error}`);
  rmSync(exactDir, { recursive: true, force: true });
  // The same build on one thread: its run directory must be the default run's, byte for byte.
  let singleWorker: RunMeasure | undefined;
  let sameAcrossWorkers: SizeResult['sameAcrossWorkers'];
  if (checkWorkers) {
    const oneDir = join(runs, `n${size}-pipeline-w1`);
    rmSync(oneDir, { recursive: true, force: true });
    say('   pipeline, --workers 1 ...');
    singleWorker = measure(await runChild('pipeline', corpus.path, oneDir, undefined, { workers: 1 }), corpus.records, corpus.bytes);
    say(singleWorker.ok ? `   pipeline, --workers 1: ${(singleWorker.wallMs / 1000).toFixed(1)}s` : `   pipeline (--workers 1) CRASHED: ${singleWorker.error}`);
    if (pipeline.ok && singleWorker.ok) {
      sameAcrossWorkers = await compareRunDirs(runDir, oneDir);
      say(sameAcrossWorkers.ok ? `   --workers 1 and ${DEFAULT_WORKERS}: identical run directories` : `   --workers 1 and ${DEFAULT_WORKERS}: RUN DIRECTORIES DIFFER (see the targets; results.json has the hashes and manifest paths)`);
    }
    if (!keep) rmSync(oneDir, { recursive: true, force: true });
  }
  say('   baseline (one thread) ...');
  const baseline = measure(await runChild('baseline', corpus.path, join(baselineDir, 'baseline.jsonl'), profile ? `baseline-n${size}` : undefined), corpus.records, corpus.bytes);
  say(baseline.ok ? `   baseline: ${(baseline.wallMs / 1000).toFixed(1)}s` : `   baseline CRASHED: ${baseline.error}`);

  const result: SizeResult = {
    size,
    corpus,
    pipeline,
    baseline,
    exactOnly,
    workers: DEFAULT_WORKERS,
    ...(singleWorker ? { singleWorker } : {}),
    ...(sameAcrossWorkers ? { sameAcrossWorkers } : {}),
    ratio: pipeline.ok && baseline.ok ? pipeline.recordsPerSec / baseline.recordsPerSec : null,
    exactRatio: exactOnly.ok && baseline.ok ? exactOnly.recordsPerSec / baseline.recordsPerSec : null,
    nearOverExact: pipeline.ok && exactOnly.ok ? pipeline.wallMs / exactOnly.wallMs : null,
  };
  const sample = baseline.report?.baseline?.sample;
  if (pipeline.ok && sample) {
    result.sameOutput = await compareWithBaseline(runDir, sample);
    say(result.sameOutput.ok ? `   same text and token counts as the baseline (${result.sameOutput.checked} records checked)` : `   OUTPUTS DIFFER: ${result.sameOutput.problems.join('; ')}`);
  }
  if (!keep) {
    // The outputs are about 2.5x the corpus; the numbers are in results.json.
    for (const name of DATA_FILES) rmSync(join(runDir, name), { force: true });
    rmSync(baselineDir, { recursive: true, force: true });
  }
  return result;
};

const main = async (): Promise<number> => {
  const { sizes, seed, profile, keep, crawl, annotations, only } = options();
  mkdirSync(BENCH_DIR, { recursive: true });
  const out: Record<string, unknown> = { at: new Date().toISOString(), node: process.version, seed, only: [...only] };
  let crashed = false;

  if (only.has('records')) {
    say(`tuneset bench: ar-lsat pipeline vs bare baseline; sizes ${sizes.map((s) => s.toLocaleString('en-US')).join(', ')}; seed ${seed}; node ${process.version}; ${DEFAULT_WORKERS} cores`);
    const results: SizeResult[] = [];
    for (const [i, size] of sizes.entries()) results.push(await benchSize(size, seed, profile, keep, i === 0));

    const largest = results.at(-1)!;
    const verdicts = evaluateTargets(results);
    say(`\nThroughput (MB/s = input file bytes / wall time) and peak RSS, each run in its own process:\n${formatRuns(results)}`);
    say(`\nMarginal memory per record between consecutive sizes (RSS difference / records difference):\n${formatMarginal(results)}`);
    say(`\nPipeline self time per stage @ ${largest.size.toLocaleString('en-US')} records (manifest stages[].ms):\n${formatStages(largest)}`);
    say(`\nBaseline phases @ ${largest.size.toLocaleString('en-US')} records:\n${formatBaselinePhases(largest)}`);
    say(`\nTargets:\n${formatTargets(verdicts)}`);
    if (profile) say(`\nCPU profiles: ${relative(ROOT, join(BENCH_DIR, 'profiles'))}/ (open in Chrome DevTools > Performance)`);
    Object.assign(out, { targets: TARGETS, verdicts, results, marginal: marginalMemory(results) });
    crashed ||= results.some((r) => !r.pipeline.ok || !r.baseline.ok || !r.exactOnly.ok || r.singleWorker?.ok === false);
  }

  if (only.has('crawl')) {
    say(`\nCrawl: ${crawl.pages.toLocaleString('en-US')} generated pages on 127.0.0.1, concurrency ${crawl.concurrency}, ${crawl.rounds} round(s), each crawl in its own process ...`);
    const crawlResult = await benchCrawl(ROOT, crawl.pages, crawl.concurrency, crawl.rounds, profile ? join(BENCH_DIR, 'profiles') : undefined);
    const crawlVerdicts = evaluateCrawl(crawlResult);
    say(formatCrawl(crawlResult));
    say(formatTargets(crawlVerdicts));
    out['crawl'] = { ...crawlResult, targets: CRAWL_TARGETS, verdicts: crawlVerdicts };
    crashed ||= crawlResult.ratio === null;
  }

  if (only.has('docs-qa')) {
    say(`\ndocs-qa re-run: pipelines/docs-qa.ts against the same generated site (${crawl.pages.toLocaleString('en-US')} pages), a first run into a fresh cache, then an unchanged re-run over it, each in its own process ...`);
    const docsQaResult = await benchDocsQaRerun(ROOT, crawl.pages, crawl.concurrency);
    const docsQaVerdicts = evaluateDocsQaRerun(docsQaResult);
    say(formatDocsQaRerun(docsQaResult));
    say(formatTargets(docsQaVerdicts));
    out['docsQaRerun'] = { ...docsQaResult, target: DOCS_QA_RERUN_TARGET, verdicts: docsQaVerdicts };
    crashed ||= docsQaResult.error !== undefined;
  }

  if (only.has('annotate')) {
    say(`\nAnnotate: ${annotations.toLocaleString('en-US')} distinct questions, the fake OpenAI server on 127.0.0.1 answering after 200 ms, concurrency 16, then the same run over its cache ...`);
    const annotateResult = await benchAnnotate(ROOT, { annotations, profileDir: profile ? join(BENCH_DIR, 'profiles') : undefined });
    const annotateVerdicts = evaluateAnnotate(annotateResult);
    say(formatAnnotate(annotateResult));
    say(formatTargets(annotateVerdicts));
    out['annotate'] = { ...annotateResult, targets: ANNOTATE_TARGETS, verdicts: annotateVerdicts };
    crashed ||= annotateResult.error !== undefined;
  }

  const file = join(BENCH_DIR, 'results.json');
  writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
  say(`\nResults: ${relative(ROOT, file)}`);
  if (crashed) say('A run crashed (see above): exit 1.');
  return crashed ? 1 : 0;
};

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
