import type { JobFailure } from '../faults.js';

/**
 * What the fake stores for a fine-tuning job. Everything the job will do is decided at creation
 * (the plan); its status at any moment is a pure function of the plan, the pauses/cancel and the
 * clock (timeline.ts), so no timer ever runs and advancing the clock is enough to move it.
 */
export type MethodType = 'supervised' | 'dpo';
export type Auto<T> = 'auto' | T;

export interface RequestedHyperparameters {
  n_epochs: Auto<number>;
  batch_size: Auto<number>;
  learning_rate_multiplier: Auto<number>;
  beta?: Auto<number>;
}

export interface ResolvedHyperparameters {
  n_epochs: number;
  batch_size: number;
  learning_rate_multiplier: number;
  beta?: number;
}

export interface JobError {
  code: string;
  message: string;
  param: string | null;
}

/** Simulated seconds each phase lasts. */
export interface JobTiming {
  validatingSeconds: number;
  queuedSeconds: number;
  runningSeconds: number;
}

export const DEFAULT_JOB_TIMING: JobTiming = { validatingSeconds: 30, queuedSeconds: 30, runningSeconds: 120 };

export interface JobPlan {
  /** Set when the training or validation file is unusable: the job fails when validation ends. */
  validationError: JobError | null;
  examples: number;
  validationExamples: number;
  /** Rough tokens in one pass over the training file; `trained_tokens` = this × epochs. */
  tokensPerEpoch: number;
  hyperparameters: ResolvedHyperparameters;
  stepsPerEpoch: number;
  totalSteps: number;
  timing: JobTiming;
  /** A fault switch chose this job to fail while running. */
  midRunFailure: JobFailure | null;
}

/** A pause, in effective seconds (job time that excludes pauses) and wall seconds. */
export interface Pause {
  effectiveAt: number;
  fromWall: number;
  toWall: number | null;
}

export interface JobRecord {
  id: string;
  seq: number;
  /** Wall seconds, fractional; rendered floored. */
  createdAt: number;
  /** The model as the job shows it: the resolved snapshot, or the `ft:` model being trained further. */
  model: string;
  /** The base snapshot, which goes into the fine-tuned model's name. */
  baseSnapshot: string;
  trainingFile: string;
  validationFile: string | null;
  suffix: string | null;
  seed: number;
  metadata: Record<string, string> | null;
  integrations: unknown[] | null;
  methodType: MethodType;
  requested: RequestedHyperparameters;
  /** The client sent the deprecated top-level `hyperparameters` (kept for inspection; the job echoes both shapes, as the API does). */
  legacyHyperparameters: boolean;
  plan: JobPlan;
  pauses: Pause[];
  /** Effective seconds at which it was cancelled, and the wall time of the cancel. */
  cancelled: { effectiveAt: number; wall: number } | null;
  /** Names decided at creation, revealed when the job succeeds. */
  fineTunedModel: string;
  /** Set once the success side effects (result file, models) have been stored. */
  resultFileId: string | null;
  finalized: boolean;
}
