// The bench's results: what is kept in output/bench/results.json, the targets, and the printed tables.
import { formatInt, formatTable } from '../src/cli/format-table.js';
import type { ChildReport } from './child.js';
import type { CorpusInfo } from './generate-corpus.js';
import type { SameOutput } from './same-output.js';

/** Acceptance targets (the bench's issue). */
export const TARGETS = {
  maxNearOverExact: 2,
  /** Pipeline records/s over baseline records/s. */
  minThroughputRatio: 0.6,
  /** Pipeline peak RSS, MiB. */
  maxPeakRssMB: 1024,
  /** "Flat" RSS: the largest size may use at most this much more than the smallest (which must be >= flatFrom records). */
  maxRssGrowth: 0.25,
  flatFrom: 50_000,
};

export interface RunMeasure {
  ok: boolean;
  /** Set when the child crashed. */
  error?: string;
  wallMs: number;
  /** Spawn to exit, including process start-up and module loading. */
  processMs: number;
  recordsPerSec: number;
  mbPerSec: number;
  peakRssMB: number;
  report?: ChildReport;
}

export interface SizeResult {
  size: number;
  corpus: Omit<CorpusInfo, 'path'> & { path: string; cached: boolean };
  pipeline: RunMeasure;
  baseline: RunMeasure;
  /** The same build with exact dedupe only (`nearDuplicates=0`). */
  exactOnly: RunMeasure;
  /** Pipeline records/s over baseline records/s. */
  ratio: number | null;
  /** Exact-only build records/s over baseline records/s: the stages issue 2's target names. */
  exactRatio: number | null;
  /** Wall time of the build with near-dedupe over the exact-only build. */
  nearOverExact: number | null;
  sameOutput?: SameOutput;
}

export interface TargetVerdict {
  target: string;
  value: string;
  verdict: 'PASS' | 'MISS' | 'n/a';
}

const f1 = (x: number) => x.toFixed(1);
const f2 = (x: number) => x.toFixed(2);

export const evaluateTargets = (results: readonly SizeResult[]): TargetVerdict[] => {
  const ran = results.filter((r) => r.pipeline.ok && r.baseline.ok);
  const verdicts: TargetVerdict[] = [];
  for (const r of ran) {
    verdicts.push({
      target: `throughput >= ${TARGETS.minThroughputRatio * 100}% of baseline @ ${formatInt(r.size)}`,
      value: `${f1((r.ratio ?? 0) * 100)}%`,
      verdict: (r.ratio ?? 0) >= TARGETS.minThroughputRatio ? 'PASS' : 'MISS',
    });
  }
  for (const r of results.filter((x) => x.exactRatio !== null)) {
    verdicts.push({
      target: `exact-dedupe build throughput >= ${TARGETS.minThroughputRatio * 100}% of baseline @ ${formatInt(r.size)}`,
      value: `${f1(r.exactRatio! * 100)}%`,
      verdict: r.exactRatio! >= TARGETS.minThroughputRatio ? 'PASS' : 'MISS',
    });
  }
  for (const r of results.filter((x) => x.nearOverExact !== null)) {
    verdicts.push({
      target: `build with near-dedupe <= ${TARGETS.maxNearOverExact}x the exact-only build @ ${formatInt(r.size)}`,
      value: `${f2(r.nearOverExact!)}x (${f1(r.pipeline.wallMs / 1000)}s vs ${f1(r.exactOnly.wallMs / 1000)}s; exact-only peak RSS ${f1(r.exactOnly.peakRssMB)} MiB)`,
      verdict: r.nearOverExact! <= TARGETS.maxNearOverExact ? 'PASS' : 'MISS',
    });
  }
  for (const r of results.filter((x) => x.pipeline.ok)) {
    verdicts.push({
      target: `pipeline peak RSS < ${TARGETS.maxPeakRssMB} MiB @ ${formatInt(r.size)}`,
      value: `${f1(r.pipeline.peakRssMB)} MiB`,
      verdict: r.pipeline.peakRssMB < TARGETS.maxPeakRssMB ? 'PASS' : 'MISS',
    });
  }
  for (const r of results.filter((x) => x.sameOutput)) {
    verdicts.push({
      target: `like for like: same text and tokens as the baseline @ ${formatInt(r.size)}`,
      value: r.sameOutput!.ok ? `${r.sameOutput!.checked} records checked` : r.sameOutput!.problems.join('; '),
      verdict: r.sameOutput!.ok ? 'PASS' : 'MISS',
    });
  }
  const flat = results.filter((x) => x.pipeline.ok && x.size >= TARGETS.flatFrom).sort((a, b) => a.size - b.size);
  const target = `pipeline RSS flat from ${formatInt(TARGETS.flatFrom)} up (growth <= ${TARGETS.maxRssGrowth * 100}%)`;
  if (flat.length < 2) verdicts.push({ target, value: `needs two sizes >= ${formatInt(TARGETS.flatFrom)}`, verdict: 'n/a' });
  else {
    const lo = flat[0]!;
    const hi = flat.at(-1)!;
    const growth = hi.pipeline.peakRssMB / lo.pipeline.peakRssMB - 1;
    const perRecordKB = ((hi.pipeline.peakRssMB - lo.pipeline.peakRssMB) * 1024) / (hi.size - lo.size);
    verdicts.push({
      target,
      value: `${f1(lo.pipeline.peakRssMB)} -> ${f1(hi.pipeline.peakRssMB)} MiB (${growth >= 0 ? '+' : ''}${f1(growth * 100)}%, ${f2(perRecordKB)} KiB/record)`,
      verdict: growth <= TARGETS.maxRssGrowth ? 'PASS' : 'MISS',
    });
  }
  return verdicts;
};

const runRow = (size: number, name: string, m: RunMeasure, ratio: string, records: number): string[] => {
  const stream = m.report?.streamPeakRssMB;
  return m.ok
    ? [formatInt(size), name, formatInt(records), f1(m.wallMs / 1000), formatInt(Math.round(m.recordsPerSec)), f2(m.mbPerSec), f1(m.peakRssMB), stream === undefined ? '' : f1(stream), ratio]
    : [formatInt(size), name, formatInt(records), 'crashed', '', '', '', '', ''];
};

/** `RSS in stages` is the highest RSS sampled while records stream; the peak above it comes from the runner's end phase. */
export const formatRuns = (results: readonly SizeResult[]): string =>
  formatTable(
    ['size', 'run', 'records in', 'wall s', 'records/s', 'MB/s', 'peak RSS MiB', 'RSS in stages', 'ratio'],
    results.flatMap((r) => [
      runRow(r.size, 'pipeline', r.pipeline, r.ratio === null ? '' : `${f1(r.ratio * 100)}%`, r.corpus.records),
      runRow(r.size, 'baseline', r.baseline, '', r.corpus.records),
    ]),
  );

/** Per-stage self time from the manifest; what no stage accounts for is the runner's writing and after-write checks. */
export const formatStages = (r: SizeResult): string => {
  const p = r.pipeline.report?.pipeline;
  if (!p) return '(no stage times: the pipeline run crashed)';
  const wall = r.pipeline.wallMs;
  let self = 0;
  const rows = p.stages.map((s) => {
    self += s.ms;
    const dropped = Object.values(s.dropped).reduce((a, b) => a + b, 0);
    const through = s.ms > 0 ? formatInt(Math.round((s.in + s.expanded) / (s.ms / 1000))) : '';
    return [s.name, formatInt(s.in), formatInt(s.out), formatInt(dropped), formatInt(s.ms), `${f1((s.ms / wall) * 100)}%`, through];
  });
  const rest = Math.max(0, wall - self);
  rows.push(['(runner: write, ledger, after-write)', '', '', '', formatInt(Math.round(rest)), `${f1((rest / wall) * 100)}%`, '']);
  rows.push(['total wall', '', '', '', formatInt(Math.round(wall)), '100.0%', '']);
  return formatTable(['stage', 'in', 'out', 'dropped', 'self ms', 'share', 'records/s'], rows);
};

export const formatBaselinePhases = (r: SizeResult): string => {
  const b = r.baseline.report?.baseline;
  if (!b) return '(no phases: the baseline run crashed)';
  const wall = r.baseline.wallMs;
  return formatTable(
    ['phase', 'ms', 'share'],
    Object.entries(b.phases).map(([k, v]) => [k, formatInt(v), `${f1((v / wall) * 100)}%`]),
  );
};

export const formatTargets = (verdicts: readonly TargetVerdict[]): string =>
  formatTable(
    ['target', 'measured', 'verdict'],
    verdicts.map((v) => [v.target, v.value, v.verdict]),
  );
