import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { findReport } from '../pipeline/manifest.js';
import { buildHandoffPreview, type TokenReport } from '../train/handoff-preview.js';
import { readManifest } from '../train/run-directory.js';
import { runDataset } from './run-dataset.js';
import { readEval, readTraining } from './run-outcomes.js';
import type { RunSummary } from './types.js';

/**
 * A finished run directory (it has manifest.json) as `tuneset runs` lists it. Refused, naming the
 * directory, when it is not one. Runs made before versions get their content hash computed here.
 */
export const readRunSummary = (runDir: string): RunSummary => {
  const dir = resolve(runDir);
  const { manifest } = readManifest(dir);
  const report = findReport(manifest, 'billedTokens') as TokenReport | undefined;
  // The hand-off preview's own reading of the estimate; its date arguments do not affect the cost.
  const cost = buildHandoffPreview(manifest, new Date(0), null).estimatedCostUsd;
  const training = readTraining(dir);
  const evaluation = readEval(dir);
  return {
    runId: manifest.runId,
    runDir: dir,
    pipeline: manifest.pipeline,
    startedAt: manifest.startedAt,
    configHash: manifest.configHash,
    provider: manifest.provider ?? 'openai',
    model: manifest.model,
    dataset: runDataset(dir, manifest),
    ...(report?.splits ? { tokens: Object.fromEntries(Object.entries(report.splits).map(([split, s]) => [split, s.tokens.total])) } : {}),
    ...(cost !== null ? { estimatedCostUsd: cost } : {}),
    ...(training ? { training } : {}),
    ...(evaluation ? { eval: evaluation } : {}),
  };
};

const byStart = (a: RunSummary, b: RunSummary) => (a.startedAt < b.startedAt ? -1 : a.startedAt > b.startedAt ? 1 : a.runId < b.runId ? -1 : a.runId > b.runId ? 1 : 0);

/**
 * The finished runs in `output/<pipeline>/`, oldest first (by start time, then run id). The
 * shared `cache/` and directories without manifest.json (a run interrupted, failed or still
 * running) are not runs and are left out; a pipeline never run has none.
 */
export const listRuns = (pipelineDir: string): RunSummary[] => {
  if (!existsSync(pipelineDir)) return [];
  return readdirSync(pipelineDir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && e.name !== 'cache' && existsSync(join(pipelineDir, e.name, 'manifest.json')))
    .map((e) => readRunSummary(join(pipelineDir, e.name)))
    .sort(byStart);
};

/**
 * The newest finished run in `pipelineDir`; with `before`, the newest that comes before the run
 * with that id (the run to compare it with). A `before` that is not a finished run there (the run
 * being written now) comes after every finished one, so the newest finished run is given.
 */
export const latestRun = (pipelineDir: string, options: { before?: string } = {}): RunSummary | undefined => {
  const runs = listRuns(pipelineDir);
  const at = options.before === undefined ? -1 : runs.findIndex((r) => r.runId === options.before);
  return at < 0 ? runs.at(-1) : runs[at - 1];
};

/** Job states after which the run's examples are not what a model learned from. */
const UNTRAINED = new Set(['failed', 'cancelled']);

/**
 * The latest run whose examples went to a training job that has not failed or been cancelled:
 * what `--train-if-changed` measures drift against. Comparing with the previous run instead would
 * let small changes pile up unseen, each run a little different from the last and none ever trained.
 */
export const latestTrainedRun = (pipelineDir: string): RunSummary | undefined =>
  listRuns(pipelineDir).findLast((r) => r.training !== undefined && !UNTRAINED.has(r.training.status));
