import type { JobFailure } from '../faults.js';
import { hashAlphanumeric } from '../random.js';
import { checkTrainingData } from './training-data.js';
import type { JobPlan, JobTiming, MethodType, RequestedHyperparameters, ResolvedHyperparameters } from './job-record.js';

/**
 * Decides at creation everything a job will do, from its files and hyperparameters, so the
 * lifecycle can be replayed from the clock alone.
 */

/** The cookbook's approximation of OpenAI's "auto" epochs (openai-api.md §2.8). */
export const autoEpochs = (examples: number): number => {
  if (examples <= 0) return 3;
  if (examples * 3 < 100) return Math.min(25, Math.floor(100 / examples));
  if (examples * 3 > 25_000) return Math.max(1, Math.floor(25_000 / examples));
  return 3;
};

/** Observed resolutions for small jobs: batch 1, learning-rate multiplier 1.8; DPO beta 0.1 (its documented default). */
export const resolveHyperparameters = (requested: RequestedHyperparameters, examples: number, method: MethodType): ResolvedHyperparameters => {
  const pick = (v: 'auto' | number, auto: number) => (v === 'auto' ? auto : v);
  const out: ResolvedHyperparameters = {
    n_epochs: pick(requested.n_epochs, autoEpochs(examples)),
    batch_size: pick(requested.batch_size, 1),
    learning_rate_multiplier: pick(requested.learning_rate_multiplier, 1.8),
  };
  if (method === 'dpo') out.beta = pick(requested.beta ?? 'auto', 0.1);
  return out;
};

export interface PlanInput {
  method: MethodType;
  requested: RequestedHyperparameters;
  training: Buffer;
  validation: Buffer | null;
  timing: JobTiming;
  midRunFailure: JobFailure | null;
}

export const planJob = (input: PlanInput): JobPlan => {
  const training = checkTrainingData(input.training, input.method, 'training_file');
  const validation = input.validation ? checkTrainingData(input.validation, input.method, 'validation_file') : null;
  const hyperparameters = resolveHyperparameters(input.requested, training.examples, input.method);
  const stepsPerEpoch = Math.max(1, Math.ceil(training.examples / hyperparameters.batch_size));
  return {
    validationError: training.error ?? validation?.error ?? null,
    examples: training.examples,
    validationExamples: validation?.examples ?? 0,
    tokensPerEpoch: training.tokens,
    hyperparameters,
    stepsPerEpoch,
    totalSteps: stepsPerEpoch * hyperparameters.n_epochs,
    timing: input.timing,
    midRunFailure: input.midRunFailure,
  };
};

/**
 * `ft:<snapshot>:<org-slug>:<suffix>:<8 chars>`; the suffix slot stays empty without a suffix
 * (`ft:davinci-002:arcade-labs::8AO3Tcpr`). Checkpoints get their own 8 chars and `:ckpt-step-N`.
 */
export const fineTunedModelName = (snapshot: string, orgSlug: string, suffix: string | null, jobId: string): string =>
  `ft:${snapshot}:${orgSlug}:${suffix ?? ''}:${hashAlphanumeric(`${jobId}:model`, 8)}`;

export const checkpointModelName = (fineTunedModel: string, jobId: string, step: number): string =>
  `${fineTunedModel.slice(0, fineTunedModel.lastIndexOf(':'))}:${hashAlphanumeric(`${jobId}:ckpt:${step}`, 8)}:ckpt-step-${step}`;
