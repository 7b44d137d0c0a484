import { existsSync, statSync } from 'node:fs';
import { TunesetError } from '../pipeline/errors.js';
import { readManifest } from '../train/run-directory.js';
import { readTrainState, type TrainState } from '../train/train-state.js';

export interface JobTarget {
  jobId: string;
  /** Set when the target was a run directory: its state is read and updated. */
  runDir: string | undefined;
  state: TrainState | undefined;
  /** The run's target provider (manifest.json), when the target was a run directory. */
  builtFor: string | undefined;
}

/** `<run-dir|job-id>`: a run directory that `tuneset train` started, or a job id as OpenAI shows it. */
export const resolveJobTarget = (target: string): JobTarget => {
  if (existsSync(target) && statSync(target).isDirectory()) {
    // Only a finished run was ever trained; a directory without a manifest is refused, as train refuses it.
    const { manifest } = readManifest(target);
    const state = readTrainState(target);
    if (!state?.job) throw new TunesetError(`${target}: no job started for this run yet (no job in train-state.json); run \`tuneset train ${target}\` first`);
    return { jobId: state.job.id, runDir: target, state, builtFor: manifest.provider };
  }
  if (/^[A-Za-z0-9_-]+$/.test(target)) return { jobId: target, runDir: undefined, state: undefined, builtFor: undefined };
  throw new TunesetError(`${target}: neither a run directory nor a job id`);
};
