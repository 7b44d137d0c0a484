import { lookupModel, type ModelInfo } from '../providers/openai/model-table.js';
import { TunesetError } from '../pipeline/errors.js';
import type { Json } from '../pipeline/item.js';
import { findReport, type Manifest } from '../pipeline/manifest.js';
import { validationReport, type RunDirectory } from './run-directory.js';
import { trainingDates } from './training-dates.js';
import { unusableRunReason } from './unusable-run.js';

export interface Preflight {
  model: ModelInfo;
  method: 'supervised' | 'dpo';
  warnings: string[];
}

/**
 * The run's dates, as overrides for the model table: the token-check report records the model's
 * shutdown and new-jobs dates with the pipeline's `models` overrides applied, which the manifest
 * keeps nowhere else. Without such a report the table's own dates apply.
 */
const datesOfRun = (manifest: Manifest): Record<string, Json> | undefined => {
  const report = findReport(manifest, 'billedTokens');
  if (typeof report?.['model'] !== 'string') return undefined;
  const dates: Record<string, Json> = {};
  for (const field of ['shutdownDate', 'newJobsEndDate']) if (field in report) dates[field] = report[field] as Json;
  return { [report['model'] as string]: dates };
};

/**
 * Everything that can be known before touching the network: the run passed validation, the model
 * is known, can train this format, and has not shut down, and new jobs are still accepted. Throws
 * with the reason; warns inside 30 days of a date that ends training.
 */
export const preflight = (run: RunDirectory, now: Date, modelOverride?: string): Preflight => {
  const { manifest } = run;
  const validation = validationReport(manifest);
  if (!validation) throw new TunesetError(`${run.dir}: the run has no format validation report; add validateChat() to the pipeline before training`);
  const unusable = unusableRunReason(manifest);
  if (unusable !== undefined) throw new TunesetError(`${run.dir}: ${unusable}`);
  if (!run.files.some((f) => f.split === 'train')) throw new TunesetError(`${run.dir}: no train.jsonl to upload`);

  const model = lookupModel(modelOverride ?? manifest.model, datesOfRun(manifest));
  const method = validation.format === 'preference' ? 'dpo' : 'supervised';
  if (!model.methods.includes(method)) throw new TunesetError(`${model.name} cannot be trained with ${method} (it supports ${model.methods.join(', ')})`);

  const dates = trainingDates(model, now);
  if (dates.errors[0] !== undefined) throw new TunesetError(dates.errors[0]);
  const warnings = dates.warnings;
  return { model, method, warnings };
};
