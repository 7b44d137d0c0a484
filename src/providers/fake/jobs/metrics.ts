import { hashUnit } from '../random.js';

/**
 * Simulated training metrics. Deterministic per job and step (seeded by the job id), so events,
 * checkpoints and the result CSV agree with each other and across requests, and a loss curve that
 * falls with noise looks like a real one to plotting and early-stopping code.
 */
export interface StepMetrics {
  step: number;
  train_loss: number;
  train_mean_token_accuracy: number;
  total_steps: number;
  valid_loss?: number;
  valid_mean_token_accuracy?: number;
  full_valid_loss?: number;
  full_valid_mean_token_accuracy?: number;
}

export interface MetricsShape {
  totalSteps: number;
  stepsPerEpoch: number;
  hasValidation: boolean;
}

const round = (x: number) => Math.round(x * 100_000) / 100_000;
const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

/** Noise in [-1, 1) fixed by job, step and channel. */
const noise = (jobId: string, step: number, channel: string) => hashUnit(`${jobId}:${channel}:${step}`) * 2 - 1;

/** Per-job curve parameters, so two jobs do not draw identical curves. */
const curve = (jobId: string) => ({
  start: 1.6 + hashUnit(`${jobId}:start`) * 0.8,
  floor: 0.05 + hashUnit(`${jobId}:floor`) * 0.25,
  rate: 2.5 + hashUnit(`${jobId}:rate`) * 2,
});

const lossAt = (jobId: string, progress: number, step: number, channel: string, scale: number) => {
  const c = curve(jobId);
  const smooth = c.floor + (c.start - c.floor) * Math.exp(-c.rate * progress);
  return Math.max(0.001, smooth * scale * (1 + 0.12 * noise(jobId, step, channel)));
};

const accuracyFor = (loss: number, jobId: string, step: number, channel: string) =>
  clamp01(1 - loss / 2.6 + 0.02 * noise(jobId, step, `${channel}-acc`));

/** Validation is reported on a regular stride and at every epoch end (where the full-set figures are). */
export const isValidationStep = (step: number, shape: MetricsShape): boolean =>
  shape.hasValidation && (step % validationStride(shape) === 0 || isEpochEnd(step, shape));

export const isEpochEnd = (step: number, shape: MetricsShape): boolean => step % shape.stepsPerEpoch === 0 || step === shape.totalSteps;

const validationStride = (shape: MetricsShape) => Math.max(1, Math.ceil(shape.totalSteps / 20));

export const stepMetrics = (jobId: string, step: number, shape: MetricsShape): StepMetrics => {
  const progress = step / shape.totalSteps;
  const trainLoss = lossAt(jobId, progress, step, 'train', 1);
  const metrics: StepMetrics = {
    step,
    train_loss: round(trainLoss),
    train_mean_token_accuracy: round(accuracyFor(trainLoss, jobId, step, 'train')),
    total_steps: shape.totalSteps,
  };
  if (isValidationStep(step, shape)) {
    // Validation loss sits above training loss, as it does on held-out data.
    const validLoss = lossAt(jobId, progress, step, 'valid', 1.15);
    metrics.valid_loss = round(validLoss);
    metrics.valid_mean_token_accuracy = round(accuracyFor(validLoss, jobId, step, 'valid'));
    if (isEpochEnd(step, shape)) {
      const fullLoss = lossAt(jobId, progress, step, 'full', 1.12);
      metrics.full_valid_loss = round(fullLoss);
      metrics.full_valid_mean_token_accuracy = round(accuracyFor(fullLoss, jobId, step, 'full'));
    }
  }
  return metrics;
};

/** The event message real jobs log for a step (openai-api.md §2.5). */
export const stepMessage = (m: StepMetrics): string => {
  let message = `Step ${m.step}/${m.total_steps}: training loss=${m.train_loss.toFixed(2)}`;
  if (m.valid_loss !== undefined) message += `, validation loss=${m.valid_loss.toFixed(2)}`;
  if (m.full_valid_loss !== undefined) message += `, full validation loss=${m.full_valid_loss.toFixed(2)}`;
  return message;
};

/** How often a metrics event is logged: every step for small jobs, thinned so huge jobs stay cheap to list. */
export const metricsStride = (totalSteps: number): number => Math.max(1, Math.ceil(totalSteps / 500));
