import { UsageError, ConfigError } from '../pipeline/errors.js';
import { isRecord, type Json } from '../pipeline/item.js';
import { LOCAL_TABLE } from './local/model-table.js';
import type { ProviderModelTable } from './model-entry.js';
import { acceptsNewJobs, findRow, type ModelInfo } from './model-rows.js';
import type { ProviderName } from './provider.js';
import { PROVIDER_NAMES, PROVIDERS } from './registry.js';

/**
 * Model lookup across providers. A target is where a dataset is built for: a provider from the
 * registry, or `local` (an open base model trained with an open trainer through `tuneset export`;
 * a target, never a trainer). Every table comes from the provider's definition, so nothing here
 * names a model, a date or a price.
 */

export type TargetProvider = ProviderName | 'local';

export const TARGET_PROVIDERS: readonly TargetProvider[] = [...PROVIDER_NAMES, 'local'];

export const isTargetProvider = (name: string): name is TargetProvider => (TARGET_PROVIDERS as readonly string[]).includes(name);

export const tableOf = (provider: TargetProvider): ProviderModelTable => (provider === 'local' ? LOCAL_TABLE : PROVIDERS[provider].table);

/**
 * The overrides a pipeline's `models` holds for one provider's table: the section keyed by the
 * provider's name (`models: { together: { 'Qwen/Qwen3-8B': { ... } } }`), plus, for the pipeline's
 * own target provider, the flat keys (`models: { 'gpt-4o-mini': { ... } }`, as pipelines wrote them
 * before there was more than one provider).
 */
export const overridesFor = (provider: TargetProvider, models: Record<string, Json> | undefined, target: TargetProvider): Record<string, Json> | undefined => {
  if (models === undefined) return undefined;
  const section = models[provider];
  const out: Record<string, Json> = {};
  if (provider === target) for (const [key, value] of Object.entries(models)) if (!isTargetProvider(key)) out[key] = value;
  if (isRecord(section)) Object.assign(out, section);
  return out;
};

/**
 * The same overrides with the flat keys moved under their provider's name: what a pipeline's
 * `models` means once `--target` gives it another provider (its flat keys were for its own).
 */
export const sectionedOverrides = (models: Record<string, Json> | undefined, provider: TargetProvider): Record<string, Json> | undefined => {
  if (models === undefined) return undefined;
  const flat = overridesFor(provider, models, provider) ?? {};
  const sections = Object.fromEntries(Object.entries(models).filter(([key]) => isTargetProvider(key) && key !== provider));
  return Object.keys(flat).length > 0 ? { ...sections, [provider]: flat } : sections;
};

/** A provider's row for a model (name, alias or `ft:` fine-tune), with overrides already for that provider. */
export const lookupModel = (provider: TargetProvider, name: string, overrides?: Record<string, Json>): ModelInfo => findRow(tableOf(provider), name, overrides);

/** What a pipeline (or its run) declares: the target provider and model, and its `models` overrides. */
export interface TargetInfo {
  /** @default 'openai' (pipelines written before targets said `model:` alone) */
  provider?: string | undefined;
  model: string;
  models?: Record<string, Json> | undefined;
}

/** The target's provider: `openai` when none is declared. */
export const targetProvider = (info: Pick<TargetInfo, 'provider'>): TargetProvider => {
  const name = info.provider ?? 'openai';
  if (isTargetProvider(name)) return name;
  throw new ConfigError('pipeline', [{ path: 'target', message: `unknown provider "${name}"; known providers: ${TARGET_PROVIDERS.join(', ')}` }], { subject: 'pipeline' });
};

/** The row of the model a pipeline or run is built for, with its overrides. */
export const lookupTarget = (info: TargetInfo): ModelInfo => {
  const provider = targetProvider(info);
  return lookupModel(provider, info.model, overridesFor(provider, info.models, provider));
};

export interface Target {
  provider: TargetProvider;
  model: string;
}

/**
 * `provider:model` (`together:Qwen/Qwen3-8B`, `openai:gpt-4o-mini`): split at the first colon, so
 * a model name may hold colons of its own. An unknown provider or model is a usage error naming the
 * known ones (the model checked against the provider's table with the pipeline's overrides).
 */
export const parseTarget = (text: string, flag = '--target', models?: Record<string, Json>): Target => {
  const colon = text.indexOf(':');
  const provider = colon < 0 ? text : text.slice(0, colon);
  const model = colon < 0 ? '' : text.slice(colon + 1);
  if (!isTargetProvider(provider)) throw new UsageError(`${flag} expects provider:model with a provider of ${TARGET_PROVIDERS.join(', ')}, got "${text}"`);
  if (model === '') throw new UsageError(`${flag} expects provider:model, got "${text}"; ${provider}'s models: \`tuneset models --provider ${provider}\``);
  try {
    lookupModel(provider, model, overridesFor(provider, models, provider));
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    throw new UsageError(`${flag}: ${error.issues[0]?.message ?? error.message}`);
  }
  return { provider, model };
};

/** Every row of a provider's table (canonical names, table order). */
export const modelsOf = (provider: TargetProvider, table: ProviderModelTable = tableOf(provider)): ModelInfo[] =>
  Object.entries(table.models).map(([name, row]) => ({ provider, name, ...row }));

/** Every target's table, by provider name: the registry's and the local one. */
export const allTables = (): Record<TargetProvider, ProviderModelTable> =>
  Object.fromEntries(TARGET_PROVIDERS.map((p) => [p, tableOf(p)])) as Record<TargetProvider, ProviderModelTable>;

/**
 * The targets other than `except` that a new customer can start a fine-tuning job on at `now`:
 * each provider with at least one row whose dates have not passed and which takes new customers,
 * in registry order, `local` last (always open: it runs on your hardware). Computed from the
 * tables, so the answer changes with them.
 */
export const providersAcceptingNewJobs = (
  now: Date,
  except?: string,
  tables: Partial<Record<TargetProvider, ProviderModelTable>> = allTables(),
): { provider: TargetProvider; models: number }[] =>
  TARGET_PROVIDERS.filter((p) => p !== except && tables[p] !== undefined)
    .map((provider) => ({ provider, models: modelsOf(provider, tables[provider]).filter((m) => m.newCustomers && acceptsNewJobs(m, now)).length }))
    .filter((p) => p.models > 0);
