import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StageCounters } from './counters.js';
import type { DatasetVersion } from './dataset-version.js';
import { installedPackageJson } from './installed-package.js';
import { isRecord, type Json } from './item.js';
import type { LeakageReport } from './leakage.js';
import type { InputRecord } from './stage.js';

export interface StageSummary {
  name: string;
  in: number;
  expanded: number;
  out: number;
  dropped: Record<string, number>;
  /** Up to three dropped records per code: id and detail. */
  examples: Record<string, { id: string; detail?: Json }[]>;
  errored: number;
  ms: number;
}

export interface OutputFile {
  sha256: string;
  bytes: number;
  lines: number;
}

/**
 * manifest.json: what was run on what, what came out, and the hash of every output file. Written
 * last: a run directory without it is unfinished (interrupted or failed) and readers refuse it.
 */
export interface Manifest {
  tuneset: string;
  pipeline: string;
  runId: string;
  /** The target's provider (a registry name or `local`); absent in runs made before targets: openai. */
  provider?: string;
  model: string;
  train: Json;
  params: Record<string, Json>;
  configHash: string;
  startedAt: string;
  versions: Record<string, string>;
  inputs: InputRecord[];
  stages: StageSummary[];
  reports: Record<string, Json>;
  /** The leakage check of the written split files (pipeline/written-leakage.ts). */
  leakage: LeakageReport;
  /** The content hash of the examples written (pipeline/dataset-version.ts); absent in runs made before versions. */
  dataset?: DatasetVersion;
  files: Record<string, OutputFile>;
}

/**
 * A report section of the manifest that has `key`, found by shape: stage names are the pipeline's
 * choice (token-check's section has `billedTokens`, a format validation's has `train` and `ok`).
 */
export const findReport = (manifest: Pick<Manifest, 'reports'>, key: string): Record<string, Json> | undefined =>
  Object.values(manifest.reports ?? {}).find((r): r is { [k: string]: Json } => isRecord(r) && key in r);

/**
 * Why a finished run is not a whole dataset, if it is not: an annotator that stopped at its
 * maxCost dropped the records it did not annotate, so training or exporting it would silently
 * use part of the data. Train and export refuse such a run with this reason.
 */
export const incompleteRunReason = (manifest: Pick<Manifest, 'reports'>): string | undefined => {
  for (const [stage, report] of Object.entries(manifest.reports ?? {})) {
    if (!isRecord(report) || report['budgetStopped'] !== true) continue;
    const left = typeof report['overBudget'] === 'number' ? report['overBudget'] : 'some';
    return (
      `the run is incomplete: stage "${stage}" stopped at its maxCost ($${String(report['maxCostUsd'])}) and dropped ${left} records as over_budget. ` +
      'Run it again with a higher maxCost: answers already bought are cached, so only the rest is paid for'
    );
  }
  return undefined;
};

export const summarize = (name: string, c: StageCounters): StageSummary => ({
  name,
  in: c.in,
  expanded: c.expanded,
  out: c.out,
  dropped: Object.fromEntries([...c.droppedByCode].sort(([a], [b]) => (a < b ? -1 : 1))),
  examples: Object.fromEntries([...c.examplesByCode].sort(([a], [b]) => (a < b ? -1 : 1))),
  errored: c.errored,
  ms: Math.round(c.selfMs),
});

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

const versionOf = (pkg: string): string => {
  try {
    const path = pkg === 'tuneset' ? join(root, 'package.json') : installedPackageJson(pkg, root);
    return path === undefined ? 'unknown' : (JSON.parse(readFileSync(path, 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
};

/** Versions that can change an output: ours, the runtime's, and the libraries that shape records. */
export const collectVersions = (): Record<string, string> => ({
  tuneset: versionOf('tuneset'),
  node: process.version,
  ...Object.fromEntries(['openai', 'tiktoken', 'zod', 'csv-parse'].map((p) => [p, versionOf(p)])),
});
