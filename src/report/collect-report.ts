import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { findReport, type Manifest } from '../pipeline/manifest.js';
import { lookupModel, targetProvider } from '../providers/model-lookup.js';
import type { CrawlSummary } from '../stages/scrape/crawl/crawl-summary.js';
import { buildHandoffPreview, type HandoffPreview, type TokenReport } from '../train/handoff-preview.js';
import { parseMetricsCsv, type MetricsRow } from '../train/result-metrics.js';
import { readManifest } from '../train/run-directory.js';
import { readTrainState, type TrainState } from '../train/train-state.js';
import { readEvalJson, type EvalJson } from '../runs/eval-json.js';
import { runSplits } from '../runs/run-examples.js';
import { previousRunDiff, type PreviousRun } from './previous-run.js';
import { readSamples, type Samples } from './read-samples.js';
import { scanMeta, type MetaScan } from './scan-meta.js';
import { scanRejected, type RejectedScan } from './scan-rejected.js';
import type { EvaluationInput } from './section-training.js';

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
  evaluation: EvaluationInput | undefined;
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

/**
 * The side-by-side page as a link from report.html: only a relative path inside the run directory
 * that is there (eval.json is a file anyone could edit; a link is never made of a URL in it).
 */
const comparePageLink = (runDir: string, record: EvalJson): string | undefined => {
  if (record.version !== 2 || typeof record.record.html !== 'string') return undefined;
  const path = record.record.html;
  if (isAbsolute(path) || path.split(/[\\/]/).some((part) => part === '..' || part === '') || /^[a-z][a-z0-9+.-]*:/i.test(path)) return undefined;
  if (!existsSync(join(runDir, path))) return undefined;
  return path.split('/').map(encodeURIComponent).join('/');
};

const readEvaluation = (runDir: string): ReportData['evaluation'] => {
  const latest = readEvalJson(join(runDir, 'eval.json'));
  if (!latest) return undefined;
  const evals = join(runDir, 'evals');
  const count = existsSync(evals) ? readdirSync(evals, { withFileTypes: true }).filter((d) => d.isDirectory()).length : 1;
  const comparePage = comparePageLink(runDir, latest);
  return { latest, count: Math.max(1, count), ...(comparePage ? { comparePage } : {}) };
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
