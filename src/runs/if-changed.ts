// The decisions behind `tuneset run --if-changed` and `--train-if-changed`: is a new run the same
// as the previous one, and is it different enough to pay for training.
import type { InputRecord } from '../pipeline/stage.js';
import { readManifest } from '../train/run-directory.js';
import { runDataset } from './run-dataset.js';
import type { ExampleCounts } from './types.js';

const inputKeys = (inputs: readonly InputRecord[] | undefined): string =>
  (inputs ?? [])
    .map((i) => `${i.uri}\n${i.sha256}`)
    .sort()
    .join('\n\n');

/**
 * A run that changes nothing: the same configuration (config hash), the same inputs (uri and
 * sha256 of each, in any order: a crawl records one hash over its pages' content), and the same
 * examples in the same splits (the dataset hash). Any one differing keeps the new run.
 */
export const sameAsRun = (previousDir: string, runDir: string): boolean => {
  const { manifest: prev } = readManifest(previousDir);
  const { manifest: next } = readManifest(runDir);
  return (
    prev.configHash === next.configHash &&
    inputKeys(prev.inputs) === inputKeys(next.inputs) &&
    runDataset(previousDir, prev).hash === runDataset(runDir, next).hash
  );
};

export interface TrainDecision {
  train: boolean;
  /** One line saying why: what differs, as a count and a share, against the threshold. */
  reason: string;
}

const percent = (f: number): string => `${(f * 100).toFixed(1)}%`;

/**
 * `--train-if-changed <threshold>`: train when the share of examples added, removed or changed
 * since the last run handed to training (over every id in either run) is at least the threshold,
 * or when no run was trained yet (`examples` undefined).
 */
export const trainDecision = (examples: ExampleCounts | undefined, threshold: number, previousRunId?: string): TrainDecision => {
  if (!examples) return { train: true, reason: 'training: no earlier run was handed to training' };
  const differ = examples.added + examples.removed + examples.changed;
  const all = differ + examples.unchanged;
  // 0 for two empty runs.
  const share = all === 0 ? 0 : differ / all;
  const what = `${differ} of ${all} examples differ from the last trained run${previousRunId ? ` ${previousRunId}` : ''} (${percent(share)})`;
  return share >= threshold
    ? { train: true, reason: `training: ${what}, at least --train-if-changed ${threshold}` }
    : { train: false, reason: `not training: ${what}, below --train-if-changed ${threshold}` };
};
