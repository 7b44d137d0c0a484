import { dateStatus, modelStatus, type ModelInfo } from '../providers/openai/model-table.js';

export interface TrainingDates {
  /** A date that has passed: training with this model is no longer possible. */
  errors: string[];
  /** A date inside the 30-day warning window. */
  warnings: string[];
}

/**
 * The dates that end training with a model, against the injected clock: its shutdown and its last
 * day for new fine-tuning jobs (`newJobsEndDate`). Shared by `train`'s preflight and `validate`, so
 * both say the same thing on the same day.
 */
export const trainingDates = (model: ModelInfo, now: Date): TrainingDates => {
  const errors: string[] = [];
  const warnings: string[] = [];
  const shutdown = modelStatus(model, now);
  if (shutdown.state === 'shut-down') errors.push(`${model.name} shut down on ${model.shutdownDate}; it can no longer be fine-tuned. Use an open trainer instead (tuneset export)`);
  if (shutdown.state === 'shutting-down') warnings.push(`${model.name} shuts down on ${model.shutdownDate} (in ${shutdown.daysLeft} days), and every fine-tune built on it with it`);
  const jobs = dateStatus(model.newJobsEndDate, now);
  if (jobs.state === 'shut-down') errors.push(`OpenAI accepts no new fine-tuning jobs since ${model.newJobsEndDate}. Use an open trainer instead (tuneset export)`);
  if (jobs.state === 'shutting-down') warnings.push(`OpenAI accepts no new fine-tuning jobs from ${model.newJobsEndDate} (in ${jobs.daysLeft} days)`);
  return { errors, warnings };
};
