import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findReport, type Manifest } from '../pipeline/manifest.js';
import { isRecord } from '../pipeline/item.js';
import { lookupModel, targetProvider } from '../providers/model-lookup.js';
import type { CrawlSummary } from '../stages/scrape/crawl/crawl-summary.js';
import type { EvaluationRecord } from '../train/eval/eval-record.js';
import { buildHandoffPreview, type HandoffPreview, type TokenReport } from '../train/handoff-preview.js';
import { parseMetricsCsv, type MetricsRow } from '../train/result-metrics.js';
import { readManifest } from '../train/run-directory.js';
import { readTrainState, type TrainState } from '../train/train-state.js';
import { runSplits } from '../runs/run-examples.js';
import { previousRunDiff, type PreviousRun } from './previous-run.js';
import { readSamples, type Samples } from './read-samples.js';
import { scanMeta, type MetaScan } from './scan-meta.js';
import { scanRejected, type RejectedScan } from './scan-rejected.js';

/** Everything the report shows, read from one run directory. */
export interface ReportData {
  runDir: string;
  manifest: Manifest;
  /** When the report was built (the clock's now). */
  builtAt: string;
  preview: HandoffPreview;
  tokenReport: TokenReport | undefined;
  /** The limit examples were checked against: token-check's, else the target model's row. */
  tokenLimit: number | undefined;
  crawl: CrawlSummary | undefined;
  meta: MetaScan;
  rejected: RejectedScan;
  samples: Samples;
  training: { state: TrainState | undefined; metrics: MetricsRow[] | undefined; metricsError?: string };
  evaluation: { latest: EvaluationRecord; count: number } | undefined;
  previous: PreviousRun;
}

// Crawl bookkeeping is in meta as well; the diff's labels are the dataset's own (answer, game type).
const NOT_DIFF_LABELS = new Set(['change', 'depth', 'lang', 'render']);
const diffLabelField = (meta: MetaScan): string | undefined => meta.labels.find((l) => !NOT_DIFF_LABELS.has(l.field) && l.values.length > 1)?.field;

const modelLimit = (manifest: Manifest): number | undefined => {
  try {
    return lookupModel(targetProvider({ provider: manifest.provider }), manifest.model).tokenLimit;
  } catch {
    // A model the table no longer knows: the histogram is drawn without a limit line.
    return undefined;
  }
};

const readMetrics = (runDir: string): { metrics: MetricsRow[] | undefined; metricsError?: string } => {
  const path = join(runDir, 'metrics.csv');
  if (!existsSync(path)) return { metrics: undefined };
  try {
    return { metrics: parseMetricsCsv(readFileSync(path, 'utf8')).rows };
  } catch (error) {
    return { metrics: undefined, metricsError: `${path}: ${(error as Error).message}` };
  }
};

const readEvaluation = (runDir: string): ReportData['evaluation'] => {
  const path = join(runDir, 'eval.json');
  if (!existsSync(path)) return undefined;
  const latest = JSON.parse(readFileSync(path, 'utf8')) as unknown;
  if (!isRecord(latest) || !Array.isArray(latest['results'])) return undefined;
  const evals = join(runDir, 'evals');
  const count = existsSync(evals) ? readdirSync(evals, { withFileTypes: true }).filter((d) => d.isDirectory()).length : 1;
  return { latest: latest as unknown as EvaluationRecord, count: Math.max(1, count) };
};

/** Reads a finished run directory for the report; large files (meta, rejected, splits) are streamed. */
export const collectReport = async (runDir: string, now: Date): Promise<ReportData> => {
  const { manifest } = readManifest(runDir);
  const tokenReport = findReport(manifest, 'billedTokens') as TokenReport | undefined;
  const crawl = findReport(manifest, 'robotsDisallowed') as CrawlSummary | undefined;
  const meta = await scanMeta(runDir);
  const rejected = await scanRejected(runDir);
  const samples = await readSamples(runDir, runSplits(manifest));
  const previous = previousRunDiff(runDir, diffLabelField(meta));
  return {
    runDir,
    manifest,
    builtAt: now.toISOString(),
    preview: buildHandoffPreview(manifest, now, null),
    tokenReport,
    tokenLimit: typeof tokenReport?.tokenLimit === 'number' ? tokenReport.tokenLimit : modelLimit(manifest),
    crawl,
    meta,
    rejected,
    samples,
    training: { state: readTrainState(runDir), ...readMetrics(runDir) },
    evaluation: readEvaluation(runDir),
    previous,
  };
};
