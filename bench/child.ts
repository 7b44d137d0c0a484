// One measured run in its own process, so its peak RSS is its own:
//   node --import tsx bench/child.ts pipeline <corpus.json> <run dir> ['{"params":{...},"workers":N}']
//   node --import tsx bench/child.ts baseline <corpus.json> <out.jsonl>
// Prints one JSON line (ChildReport) on stdout at the end; anything else goes to stderr.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { BaselineResult } from './baseline.js';
import type { StageSummary } from '../src/pipeline/manifest.js';
import type { Json } from '../src/pipeline/item.js';

export interface MemorySample {
  /** Milliseconds since the run started. */
  t: number;
  rssMB: number;
  heapUsedMB: number;
  externalMB: number;
  /** Records out of the source and into the last stage so far (pipeline runs only). */
  sourceOut?: number;
  lastIn?: number;
}

export interface ChildReport {
  mode: 'pipeline' | 'baseline';
  /** Wall time of the work itself (after modules are loaded). */
  wallMs: number;
  /** process.resourceUsage().maxRSS, in MiB. */
  peakRssMB: number;
  /** Highest RSS sampled while records stream through the stages (pipeline runs only): what the peak is without the runner's end phase. */
  streamPeakRssMB?: number;
  samples: MemorySample[];
  pipeline?: { stages: StageSummary[]; reports: Record<string, Json>; files: Record<string, { bytes: number; lines: number }>; runDir: string };
  baseline?: BaselineResult;
}

/** How the pipeline child runs: `--param`s and `--workers`. */
export interface ChildRunOptions {
  params?: Record<string, string>;
  workers?: number;
}

const MB = 1024 * 1024;
const MAX_SAMPLES = 120;

const memorySample = (t0: number): MemorySample => {
  const m = process.memoryUsage();
  const r = (x: number) => Math.round((x / MB) * 10) / 10;
  return { t: Math.round(performance.now() - t0), rssMB: r(m.rss), heapUsedMB: r(m.heapUsed), externalMB: r(m.external) };
};

/** Keeps at most `max` samples, evenly spaced, always including the last. */
const thin = <T>(xs: T[], max: number): T[] => {
  if (xs.length <= max) return xs;
  const step = xs.length / max;
  const out = Array.from({ length: max - 1 }, (_, i) => xs[Math.floor(i * step)]!);
  out.push(xs.at(-1)!);
  return out;
};

const main = async (): Promise<ChildReport> => {
  const [mode, corpus, out, optionsJson] = process.argv.slice(2);
  // Pipeline parameters as --param would give them (e.g. {"nearDuplicates":"0"} for the exact-only
  // build), and --workers (absent: the runner's default, one per core).
  const { params = {}, workers } = optionsJson ? (JSON.parse(optionsJson) as ChildRunOptions) : {};
  if ((mode !== 'pipeline' && mode !== 'baseline') || !corpus || !out) throw new Error('usage: child.ts pipeline|baseline <corpus.json> <out>');
  const samples: MemorySample[] = [];

  if (mode === 'baseline') {
    const { runBaseline } = await import('./baseline.js');
    const t0 = performance.now();
    const result = runBaseline(corpus, out);
    const wallMs = performance.now() - t0;
    samples.push(memorySample(t0));
    return { mode, wallMs, peakRssMB: process.resourceUsage().maxRSS / 1024, samples, baseline: result };
  }

  const [{ runPipeline }, { fixedClock }, { default: arLsat }] = await Promise.all([
    import('../src/pipeline/runner.js'),
    import('../src/pipeline/clock.js'),
    import('../pipelines/ar-lsat.js'),
  ]);
  // A cache of its own: counts kept by an earlier run (token-check's cache) would make this a re-run.
  const cacheDir = mkdtempSync(join(tmpdir(), 'tuneset-bench-cache-'));
  const t0 = performance.now();
  let streamPeak = 0;
  // Before the model's shutdown date, so token-check has nothing to warn about.
  const result = await runPipeline(arLsat, {
    inputs: [corpus],
    outDir: out,
    cacheDir,
    params,
    ...(workers === undefined ? {} : { workers }),
    clock: fixedClock('2026-06-01T00:00:00.000Z'),
    onProgress: (stages) => {
      const sample = { ...memorySample(t0), sourceOut: stages[0]?.counters.out ?? 0, lastIn: stages.at(-1)?.counters.in ?? 0 };
      streamPeak = Math.max(streamPeak, sample.rssMB);
      samples.push(sample);
    },
  });
  const wallMs = performance.now() - t0;
  rmSync(cacheDir, { recursive: true, force: true });
  samples.push(memorySample(t0));
  const files = Object.fromEntries(Object.entries(result.manifest.files).map(([k, f]) => [k, { bytes: f.bytes, lines: f.lines }]));
  return {
    mode,
    wallMs,
    peakRssMB: process.resourceUsage().maxRSS / 1024,
    streamPeakRssMB: streamPeak,
    samples: thin(samples, MAX_SAMPLES),
    pipeline: { stages: result.stages, reports: result.manifest.reports, files, runDir: result.runDir },
  };
};

main().then(
  (report) => process.stdout.write(`${JSON.stringify(report)}\n`),
  (error: unknown) => {
    process.stderr.write(`bench child failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
