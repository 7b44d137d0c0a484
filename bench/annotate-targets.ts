// The annotation benchmark's targets (issue 10) and its printed table.
import { formatInt, formatTable } from '../src/cli/format-table.js';
import type { TargetVerdict } from './results.js';
import { answersBought, type AnnotateBenchResult, type AnnotateRun } from './annotate.js';

export const ANNOTATE_TARGETS = {
  /** Answers per second of annotate-stage time, as a share of concurrency / latency. */
  minShareOfIdeal: 0.8,
  /** First run's annotate-stage time over the cached re-run's. */
  minCachedSpeedup: 50,
};

const f1 = (x: number) => x.toFixed(1);
const f2 = (x: number) => x.toFixed(2);

/** First run over cached re-run, annotate-stage self time; null when either is missing or zero. */
export const cachedSpeedup = (r: AnnotateBenchResult): number | null =>
  r.first && r.cached && r.cached.annotateMs > 0 ? r.first.annotateMs / r.cached.annotateMs : null;

const errorCount = (run: AnnotateRun): number => Object.values((run.report['errors'] as Record<string, number> | undefined) ?? {}).reduce((a, b) => a + b, 0);

export const evaluateAnnotate = (r: AnnotateBenchResult): TargetVerdict[] => {
  const at = `@ ${formatInt(r.annotations)} annotations`;
  const throughput = `annotation throughput >= ${ANNOTATE_TARGETS.minShareOfIdeal * 100}% of ideal ${f1(r.idealPerSec)} req/s (concurrency ${r.concurrency}, ${r.latencyMs} ms) ${at}`;
  const silent = `cached re-run sends nothing ${at}`;
  const faster = `cached re-run >= ${ANNOTATE_TARGETS.minCachedSpeedup}x faster than the first (annotate stage) ${at}`;
  const same = `cached re-run writes the same annotations ${at}`;
  const { first, cached } = r;
  if (!first || !cached) {
    const value = `crashed: ${r.error ?? 'no result'}`;
    return [throughput, silent, faster, same].map((target) => ({ target, value, verdict: 'MISS' }));
  }
  const verdicts: TargetVerdict[] = [];
  // Fast but incomplete is not a pass: every record must have been answered, once.
  const bought = answersBought(first.report);
  const complete = bought >= r.annotations && errorCount(first) === 0;
  const share = first.requestsPerSec / r.idealPerSec;
  verdicts.push({
    target: throughput,
    value: complete ? `${f1(first.requestsPerSec)} req/s (${f1(share * 100)}%)` : `${formatInt(bought)} of ${formatInt(r.annotations)} answered, ${formatInt(errorCount(first))} errors`,
    verdict: complete && share >= ANNOTATE_TARGETS.minShareOfIdeal ? 'PASS' : 'MISS',
  });
  verdicts.push({
    target: silent,
    value: `${formatInt(cached.requestsSent)} requests (${formatInt(cached.chatRequests)} chat), ${formatInt(answersBought(cached.report))} answers bought`,
    verdict: cached.requestsSent === 0 && answersBought(cached.report) === 0 ? 'PASS' : 'MISS',
  });
  const speedup = cachedSpeedup(r);
  verdicts.push({
    target: faster,
    value: speedup === null ? 'no time measured' : `${f1(speedup)}x (${f1(first.annotateMs / 1000)}s vs ${f2(cached.annotateMs / 1000)}s; whole run ${f1(first.wallMs / cached.wallMs)}x)`,
    verdict: speedup !== null && speedup >= ANNOTATE_TARGETS.minCachedSpeedup ? 'PASS' : 'MISS',
  });
  verdicts.push({
    target: same,
    value: first.metaSha256 === cached.metaSha256 ? `meta.jsonl sha256 ${first.metaSha256.slice(0, 12)}` : `meta.jsonl differs (${first.metaSha256.slice(0, 12)} vs ${cached.metaSha256.slice(0, 12)})`,
    verdict: first.metaSha256 !== '' && first.metaSha256 === cached.metaSha256 ? 'PASS' : 'MISS',
  });
  return verdicts;
};

const runRow = (name: string, run: AnnotateRun | undefined, answers: number): string[] => {
  if (!run) return [name, 'crashed', '', '', '', '', '', '', ''];
  const bought = answersBought(run.report);
  const perAnswer = (ms: number) => (bought > 0 ? (ms / bought).toFixed(2) : '');
  return [
    name,
    formatInt(answers),
    formatInt(bought),
    formatInt(run.requestsSent),
    f2(run.annotateMs / 1000),
    f2(run.wallMs / 1000),
    bought > 0 ? f1(run.requestsPerSec) : '',
    perAnswer(run.cpuMs),
    perAnswer(run.serverCpuMs),
  ];
};

const bareRow = (bare: NonNullable<AnnotateBenchResult['bare']>): string[] => [
  'bare SDK loop (reference)',
  formatInt(bare.requests),
  formatInt(bare.requests),
  formatInt(bare.requests),
  '',
  f2(bare.wallMs / 1000),
  f1(bare.requestsPerSec),
  (bare.cpuMs / bare.requests).toFixed(2),
  (bare.serverCpuMs / bare.requests).toFixed(2),
];

/** One row per run; the bare loop and CPU ms per answer tell a busy machine from a slow stage. */
export const formatAnnotate = (r: AnnotateBenchResult): string => {
  const table = formatTable(
    ['run', 'records', 'answers bought', 'requests sent', 'annotate s', 'run s', 'req/s', 'client CPU ms/answer', 'server CPU ms/answer'],
    [runRow('first (fresh cache)', r.first, r.annotations), runRow('re-run (same cache)', r.cached, r.annotations), ...(r.bare ? [bareRow(r.bare)] : [])],
  );
  const vsBare = r.bare && r.first ? `\n   stage / bare SDK loop: ${f1((r.first.requestsPerSec / r.bare.requestsPerSec) * 100)}% of its req/s (the bare loop is not a target: it shows what the machine allowed)` : '';
  const load = r.load ? `\n   load average ${r.load.before.toFixed(1)} before, ${r.load.after.toFixed(1)} after, on ${r.load.cores} cores${r.load.after > r.load.cores ? ': the machine was busy, so wall-clock figures are low' : ''}` : '';
  return `${table}${vsBare}${load}${r.error ? `\n   annotation benchmark CRASHED: ${r.error}` : ''}`;
};
