import { TunesetError } from '../pipeline/errors.js';
import { isRecord, type Json } from '../pipeline/item.js';
import { findReport, type Manifest } from '../pipeline/manifest.js';
import { lookupModel, modelsOf, targetProvider } from '../providers/model-lookup.js';
import { findRow, rowLabel, type ModelInfo } from '../providers/model-rows.js';
import type { HyperparameterName, ProviderDefinition } from '../providers/provider.js';
import { PROVIDERS } from '../providers/registry.js';
import { longestExampleTokens, type TokenReport } from './handoff-preview.js';
import { validationReport, type RunDirectory } from './run-directory.js';
import { trainingDates } from './training-dates.js';
import { unusableRunReason } from './unusable-run.js';

export interface Preflight {
  /** The training provider's row for the run's model. */
  model: ModelInfo;
  method: 'supervised' | 'dpo';
  /** Sequence length to train with: the longest example's tokens (token-check's report), else the row's limit. */
  contextLength: number;
  warnings: string[];
}

/**
 * The run's own dates for its model: the token-check report records the model's shutdown and
 * new-jobs dates with the pipeline's `models` overrides applied, which the manifest keeps nowhere
 * else. Only for the model the report counted for; without such a report the table's dates apply.
 */
const datesOfRun = (manifest: Manifest, model: string): Partial<Pick<ModelInfo, 'shutdownDate' | 'newJobsEndDate'>> => {
  const report = findReport(manifest, 'billedTokens');
  if (report?.['model'] !== model) return {};
  const dates: Partial<Pick<ModelInfo, 'shutdownDate' | 'newJobsEndDate'>> = {};
  for (const field of ['shutdownDate', 'newJobsEndDate'] as const) {
    const value = report[field];
    if (value === null || typeof value === 'string') dates[field] = value;
  }
  return dates;
};

/**
 * The training provider's row for the run's model. The run's own provider reads its row (with
 * the run's dates); another provider must list the same model, by name (Azure lists OpenAI's) or
 * by its open base model (`Qwen/Qwen3-8B` under Fireworks' own name), so the counts made for the
 * target are still that model's.
 */
const rowForProvider = (manifest: Manifest, provider: ProviderDefinition, dir: string): ModelInfo => {
  const target = targetProvider(manifest);
  if (target === provider.name) {
    const row = findRow(provider.table, manifest.model);
    return { ...row, ...datesOfRun(manifest, row.name) };
  }
  const targetRow = lookupModel(target, manifest.model);
  const rows = modelsOf(provider.name, provider.table);
  const same = rows.find((r) => r.name === targetRow.name || r.aliases.includes(manifest.model)) ?? (targetRow.baseModel === null ? undefined : rows.find((r) => r.baseModel === targetRow.baseModel));
  if (same) return same;
  const trainable = rows.length > 0 ? `${provider.label} can train: ${rows.map(rowLabel).join(', ')}` : `${provider.label}'s table has no models yet`;
  // Where the same base model can go instead, from the tables: the run is usable there as it is.
  const base = targetRow.baseModel;
  const elsewhere = base === null ? [] : Object.values(PROVIDERS).flatMap((p) => modelsOf(p.name, p.table).filter((r) => r.baseModel === base).map((r) => `--provider ${p.name} (${r.name})`));
  const instead =
    target === 'local' ? ' A local target is trained with an open trainer: `tuneset export <run-dir> --to trl|axolotl|llama-factory`.' : '';
  const others = elsewhere.length > 0 ? ` ${base} is trained by: ${elsewhere.join(', ')}.` : '';
  throw new TunesetError(
    `${dir}: the run was built for ${target}:${manifest.model}, which ${provider.label} does not train.${instead}${others} ${trainable}; ` +
      `build the dataset for one of them with \`tuneset run <pipeline> --target ${provider.name}:<model>\``,
  );
};

/** The pipeline's `.train()` settings a provider may lack, by the name the pipeline uses. */
const SETTINGS: readonly HyperparameterName[] = ['epochs', 'batchSize', 'learningRate', 'learningRateMultiplier', 'loraRank', 'loraAlpha'];

/** Settings the run asks for that this provider has no name for: refused, never silently dropped. */
const unsupportedSettings = (train: Json, provider: ProviderDefinition, model: ModelInfo): string | undefined => {
  const t = isRecord(train) ? train : {};
  for (const setting of SETTINGS) {
    // 'auto' asks for the provider's own choice, which every provider makes.
    if (t[setting] === undefined || t[setting] === 'auto' || provider.hyperparameters[setting] !== undefined) continue;
    const others = Object.values(PROVIDERS)
      .filter((p) => p.hyperparameters[setting] !== undefined)
      .map((p) => p.name);
    const takes = Object.keys(provider.hyperparameters);
    return (
      `${provider.label} has no ${setting} setting, and the pipeline's .train() sets ${setting}: ${JSON.stringify(t[setting])}. ` +
      `${provider.label} takes ${takes.length > 0 ? takes.join(', ') : 'none of our settings'}; ` +
      `${others.length > 0 ? `${setting} is taken by ${others.join(', ')}` : 'no provider takes it'}. Remove it from .train() or train elsewhere`
    );
  }
  const adaptation = t['adaptation'];
  if (typeof adaptation === 'string' && !(model.adaptations as readonly string[]).includes(adaptation)) {
    const offered = model.adaptations.length > 0 ? `it offers ${model.adaptations.join(', ')}` : 'it does not say how it trains (LoRA or full)';
    return `${provider.label} cannot train ${model.name} with adaptation '${adaptation}' (${offered}). Remove adaptation from .train() or choose another model`;
  }
  return undefined;
};

/**
 * Everything that can be known before touching the network: the run passed validation, the
 * provider trains the run's model with this format and these settings, and neither its shutdown
 * nor its end of new jobs has passed on the clock's date. Throws with the reason; warns inside 30
 * days of a date that ends training, and when the model is for the provider's existing customers only.
 */
export const preflight = (run: RunDirectory, now: Date, chosen: ProviderDefinition): Preflight => {
  const { manifest } = run;
  const validation = validationReport(manifest);
  if (!validation) throw new TunesetError(`${run.dir}: the run has no format validation report; add validateChat() to the pipeline before training`);
  const unusable = unusableRunReason(manifest);
  if (unusable !== undefined) throw new TunesetError(`${run.dir}: ${unusable}`);
  if (!run.files.some((f) => f.split === 'train')) throw new TunesetError(`${run.dir}: no train.jsonl to upload`);

  const model = rowForProvider(manifest, chosen, run.dir);
  const method = validation.format === 'preference' ? 'dpo' : 'supervised';
  if (!model.methods.includes(method)) throw new TunesetError(`${model.name} cannot be trained with ${method} by ${chosen.label} (it supports ${model.methods.join(', ')})`);
  const unsupported = unsupportedSettings(manifest.train, chosen, model);
  if (unsupported !== undefined) throw new TunesetError(unsupported);

  const dates = trainingDates(model, now);
  if (dates.errors[0] !== undefined) throw new TunesetError(dates.errors[0]);
  const warnings = [...dates.warnings];
  // Where a provider takes new customers on some models but not this one (Azure's OpenAI models).
  if (!model.newCustomers && modelsOf(chosen.name, chosen.table).some((m) => m.newCustomers)) {
    warnings.push(`${chosen.label} trains ${model.name} for existing customers only: a new customer's job is refused. \`tuneset models --provider ${chosen.name}\` lists the models open to new customers`);
  }
  const longest = longestExampleTokens(findReport(manifest, 'billedTokens') as TokenReport | undefined);
  return { model, method, contextLength: Math.min(longest ?? model.tokenLimit, model.tokenLimit), warnings };
};
