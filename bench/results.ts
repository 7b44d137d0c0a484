// The bench's results: what is kept in output/bench/results.json, the targets, and the printed tables.
import { formatInt, formatTable } from '../src/cli/format-table.js';
import type { ChildReport } from './child.js';
import type { CorpusInfo } from './generate-corpus.js';
import type { SameOutput } from './same-output.js';
import type { SameRunDir } from './same-run-dir.js';

/** Acceptance targets (issue 13, scale). */
export const TARGETS = {
  maxNearOverExact: 2,
  /** Pipeline records/s over the single-threaded baseline's records/s. */
  minThroughputRatio: 1.2,
  /** Pipeline peak RSS, MiB. */
  maxPeakRssMB: 1024,
  /** Marginal peak RSS between the two largest sizes, bytes per record. */
  maxMarginalBytesPerRecord: 100,
  /** The marginal target needs the larger size at least this big ... */
  marginalFrom: 500_000,
  /** ... and at least this many times the smaller: between close sizes the noise in RSS swamps 100 bytes/record. */
  marginalMinSpan: 5,
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
  /** Threads the pipeline run used (the runner's default: one per core). */
  workers: number;
  /** The pipeline run again with `--workers 1` (the smallest size only). */
  singleWorker?: RunMeasure;
  /** Its run directory against the default run's. */
  sameAcrossWorkers?: SameRunDir;
  /** Pipeline records/s over baseline records/s. */
  ratio: number | null;
  /** Exact-only build records/s over baseline records/s: the stages issue 2's target names. */
  exactRatio: number | null;
  /** Wall time of the build with near-dedupe over the exact-only build. */
  nearOverExact: number | null;
  sameOutput?: SameOutput;
}

/** RSS added per extra record from one size to the next: what a bigger input will cost. */
export interface MarginalMemory {
  from: number;
  to: number;
  /** (peak RSS at `to` - at `from`) / (records difference). */
  peakBytesPerRecord: number;
  /** The same for the RSS sampled while records stream through the stages. */
  streamBytesPerRecord: number | null;
}

export interface TargetVerdict {
  target: string;
  value: string;
  verdict: 'PASS' | 'MISS' | 'n/a';
}

const f1 = (x: number) => x.toFixed(1);
const f2 = (x: number) => x.toFixed(2);

const MiB = 1024 * 1024;

/** Between each pair of consecutive sizes whose pipeline runs finished. */
export const marginalMemory = (results: readonly SizeResult[]): MarginalMemory[] => {
  const ran = results.filter((r) => r.pipeline.ok).sort((a, b) => a.size - b.size);
  return ran.slice(1).map((hi, i) => {
    const lo = ran[i]!;
    const records = hi.corpus.records - lo.corpus.records;
    const perRecord = (a: number, b: number) => ((b - a) * MiB) / records;
    const sLo = lo.pipeline.report?.streamPeakRssMB;
    const sHi = hi.pipeline.report?.streamPeakRssMB;
    return {
      from: lo.size,
      to: hi.size,
      peakBytesPerRecord: perRecord(lo.pipeline.peakRssMB, hi.pipeline.peakRssMB),
      streamBytesPerRecord: sLo === undefined || sHi === undefined ? null : perRecord(sLo, sHi),
    };
  });
};

const ratioRow = (name: string, size: number, m: RunMeasure, baseline: RunMeasure, ratio: number): TargetVerdict => ({
  target: `${name} throughput >= ${f1(TARGETS.minThroughputRatio)}x the single-threaded baseline @ ${formatInt(size)}`,
  // Three decimals: at two, 1.197 would read "1.20x" beside a MISS of the 1.2x target.
  value: `${ratio.toFixed(3)}x (${formatInt(Math.round(m.recordsPerSec))} vs ${formatInt(Math.round(baseline.recordsPerSec))} records/s)`,
  verdict: ratio >= TARGETS.minThroughputRatio ? 'PASS' : 'MISS',
});

export const marginalVerdict = (results: readonly SizeResult[]): TargetVerdict => {
  const target = `marginal peak RSS between the two largest sizes <= ${TARGETS.maxMarginalBytesPerRecord} bytes/record`;
  const last = marginalMemory(results).at(-1);
  if (!last) return { target, value: 'needs two sizes whose pipeline runs finished', verdict: 'n/a' };
  const stream = last.streamBytesPerRecord === null ? '' : `; while streaming ${f1(last.streamBytesPerRecord)}`;
  const value = `${f1(last.peakBytesPerRecord)} bytes/record ${formatInt(last.from)} -> ${formatInt(last.to)}${stream}`;
  if (last.to < TARGETS.marginalFrom) return { target, value: `${value} (n/a: the larger size is under ${formatInt(TARGETS.marginalFrom)})`, verdict: 'n/a' };
  if (last.to < TARGETS.marginalMinSpan * last.from) return { target, value: `${value} (n/a: the larger size is under ${TARGETS.marginalMinSpan}x the smaller)`, verdict: 'n/a' };
  return { target, value, verdict: last.peakBytesPerRecord <= TARGETS.maxMarginalBytesPerRecord ? 'PASS' : 'MISS' };
};

export const evaluateTargets = (results: readonly SizeResult[]): TargetVerdict[] => {
  const verdicts: TargetVerdict[] = [];
  for (const r of results.filter((x) => x.ratio !== null)) verdicts.push(ratioRow('full build', r.size, r.pipeline, r.baseline, r.ratio!));
  for (const r of results.filter((x) => x.exactRatio !== null)) verdicts.push(ratioRow('exact-dedupe build', r.size, r.exactOnly, r.baseline, r.exactRatio!));
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
  verdicts.push(marginalVerdict(results));
  for (const r of results.filter((x) => x.sameOutput)) {
    verdicts.push({
      target: `like for like: same text and tokens as the baseline @ ${formatInt(r.size)}`,
      value: r.sameOutput!.ok ? `${r.sameOutput!.checked} records checked` : r.sameOutput!.problems.join('; '),
      verdict: r.sameOutput!.ok ? 'PASS' : 'MISS',
    });
  }
  for (const r of results.filter((x) => x.sameAcrossWorkers)) verdicts.push(workersVerdict(r.size, r.workers, r.sameAcrossWorkers!));
  return verdicts;
};

const workersVerdict = (size: number, workers: number, same: SameRunDir): TargetVerdict => {
  const differing = Object.entries(same.files)
    .filter(([, f]) => f.a === null || f.a !== f.b)
    .map(([name]) => name);
  // Two paths are enough to say where; results.json keeps the list (sameAcrossWorkers.manifestDiffs).
  const paths = same.manifestDiffs.slice(0, 2).join(', ') + (same.manifestDiffs.length > 2 ? ` and ${same.manifestDiffs.length - 2} more` : '');
  const problems = [...(differing.length > 0 ? [`files differ: ${differing.join(', ')}`] : []), ...(same.manifestDiffs.length > 0 ? [`manifest.json differs at ${paths}`] : [])];
  return {
    target: `workers 1 vs ${workers}: identical run directories @ ${formatInt(size)}`,
    // Named, not counted: "4 files" leaves the reader guessing which of the five is absent (test.jsonl at test 0).
    value: same.ok ? `${Object.keys(same.files).map((f) => f.replace(/\.jsonl$/, '')).join(', ')} and manifest.json (timings apart) equal` : problems.join('; ') || 'no data files',
    verdict: same.ok ? 'PASS' : 'MISS',
  };
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
    ['size', 'run', 'records in', 'wall s', 'records/s', 'MB/s', 'peak RSS MiB', 'RSS in stages', 'vs baseline'],
    results.flatMap((r) => [
      runRow(r.size, `pipeline, ${r.workers} workers`, r.pipeline, r.ratio === null ? '' : `${f2(r.ratio)}x`, r.corpus.records),
      ...(r.singleWorker ? [runRow(r.size, 'pipeline, 1 worker', r.singleWorker, r.baseline.ok && r.singleWorker.ok ? `${f2(r.singleWorker.recordsPerSec / r.baseline.recordsPerSec)}x` : '', r.corpus.records)] : []),
      runRow(r.size, 'pipeline, exact dedupe only', r.exactOnly, r.exactRatio === null ? '' : `${f2(r.exactRatio)}x`, r.corpus.records),
      runRow(r.size, 'baseline, 1 thread', r.baseline, '', r.corpus.records),
    ]),
  );

/** Marginal memory between consecutive sizes, from peak RSS and from RSS while streaming. */
export const formatMarginal = (results: readonly SizeResult[]): string => {
  const rows = marginalMemory(results).map((m) => [
    `${formatInt(m.from)} -> ${formatInt(m.to)}`,
    f1(m.peakBytesPerRecord),
    m.streamBytesPerRecord === null ? '' : f1(m.streamBytesPerRecord),
  ]);
  return rows.length === 0 ? '(needs two sizes)' : formatTable(['sizes', 'peak RSS bytes/record', 'RSS in stages bytes/record'], rows);
};

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
