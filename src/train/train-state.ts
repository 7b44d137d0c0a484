import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../pipeline/atomic-file.js';
import type { Checkpoint } from './trainer.js';

/** What has happened remotely for a run: written after every remote step, so a re-run resumes. */
export interface TrainState {
  runId: string;
  provider: string;
  model: string;
  files: Record<string, { filename: string; sha256: string; bytes: number; fileId: string }>;
  job?: { id: string; status: string; fineTunedModel: string | null; attempt: number };
  /** The newest event `watch` has shown, so a restarted watch resumes after it. */
  lastEventId?: string;
  /** The job's checkpoints as `watch` listed them after success, oldest first: what `eval --model checkpoint:<step>` names. */
  checkpoints?: { step: number; model: string }[];
}

export const trainStatePath = (runDir: string) => join(runDir, 'train-state.json');

export const readTrainState = (runDir: string): TrainState | undefined =>
  existsSync(trainStatePath(runDir)) ? (JSON.parse(readFileSync(trainStatePath(runDir), 'utf8')) as TrainState) : undefined;

export const writeTrainState = (runDir: string, state: TrainState): void =>
  writeFileAtomic(trainStatePath(runDir), `${JSON.stringify(state, null, 2)}\n`);

/** Checkpoints as train-state.json keeps them: step and model, oldest first whatever order a trainer lists them in. */
export const recordedCheckpoints = (checkpoints: readonly Checkpoint[]): { step: number; model: string }[] =>
  checkpoints.map(({ step, model }) => ({ step, model })).sort((a, b) => a.step - b.step);
