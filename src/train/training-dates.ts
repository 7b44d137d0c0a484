import { providersAcceptingNewJobs, type TargetProvider } from '../providers/model-lookup.js';
import type { ProviderModelTable } from '../providers/model-entry.js';
import { dateStatus, modelStatus, type ModelInfo } from '../providers/model-rows.js';
import { isProviderName, PROVIDERS } from '../providers/registry.js';

export interface TrainingDates {
  /** A date that has passed: training with this model is no longer possible. */
  errors: string[];
  /** A date inside the 30-day warning window. */
  warnings: string[];
}

const labelOf = (provider: string): string => (isProviderName(provider) ? PROVIDERS[provider].label : provider);

/**
 * Where a job can still go on `now`'s date, from the model tables (never a fixed list):
 * `together (3 models), local (11 models, through tuneset export)`.
 */
export const alternativesText = (now: Date, except: string, tables?: Partial<Record<TargetProvider, ProviderModelTable>>): string => {
  const open = providersAcceptingNewJobs(now, except, tables);
  const day = now.toISOString().slice(0, 10);
  if (open.length === 0) return `No provider's table has a model that takes new jobs on ${day}.`;
  const names = open.map((p) => `${p.provider} (${p.models} model${p.models === 1 ? '' : 's'}${p.provider === 'local' ? ', trained with an open trainer through tuneset export' : ''})`);
  return `Providers that take new jobs on ${day}: ${names.join(', ')}. See \`tuneset models\`, then build for one with \`tuneset run <pipeline> --target <provider>:<model>\`.`;
};

/**
 * The dates that end training with a model, against the injected clock: its shutdown and its last
 * day for new fine-tuning jobs (`newJobsEndDate`). Shared by `train`'s preflight and `validate`, so
 * both say the same thing on the same day. Once new jobs are refused, the message names the
 * providers that would take one, computed from their tables.
 */
export const trainingDates = (model: ModelInfo, now: Date): TrainingDates => {
  const errors: string[] = [];
  const warnings: string[] = [];
  const label = labelOf(model.provider);
  const shutdown = modelStatus(model, now);
  if (shutdown.state === 'shut-down') errors.push(`${model.name} shut down on ${model.shutdownDate}; it can no longer be fine-tuned. ${alternativesText(now, model.provider)}`);
  if (shutdown.state === 'shutting-down') warnings.push(`${model.name} shuts down on ${model.shutdownDate} (in ${shutdown.daysLeft} days), and every fine-tune built on it with it`);
  const jobs = dateStatus(model.newJobsEndDate, now);
  if (jobs.state === 'shut-down') errors.push(`${label} accepts no new fine-tuning jobs since ${model.newJobsEndDate}. ${alternativesText(now, model.provider)}`);
  if (jobs.state === 'shutting-down') warnings.push(`${label} accepts no new fine-tuning jobs from ${model.newJobsEndDate} (in ${jobs.daysLeft} days)`);
  return { errors, warnings };
};
