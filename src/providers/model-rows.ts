import { z } from 'zod';
import { ConfigError } from '../pipeline/errors.js';
import type { Json } from '../pipeline/item.js';
import type { ModelEntry, ProviderModelTable } from './model-entry.js';

/**
 * Looking a model up in one provider's table, with a pipeline's `models` overrides applied. Pure:
 * it takes the table, so it knows no provider (model-lookup.ts picks the table from the registry).
 */

/** A row with the provider whose table it came from. */
export interface ModelInfo extends ModelEntry {
  provider: string;
}

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD').nullable();
const price = z.number().nonnegative().nullable();
const methods = z.array(z.enum(['supervised', 'dpo', 'vision', 'reinforcement']));
const adaptations = z.array(z.enum(['lora', 'full']));
const aliases = z.array(z.string().min(1));
// A tokenizer id from src/tokenizers; an unknown id is refused there, when it is counted with.
const tokenizer = z.string().min(1);

/** Patching a known model: any subset of fields, no defaults filled in. */
const PatchSchema = z.strictObject({
  baseModel: z.string().min(1).nullable().optional(),
  tokenizer: tokenizer.optional(),
  tokenLimit: z.int().positive().optional(),
  trainingPricePerMTokens: price.optional(),
  baseInputPricePerMTokens: price.optional(),
  baseOutputPricePerMTokens: price.optional(),
  fineTunedInputPricePerMTokens: price.optional(),
  fineTunedOutputPricePerMTokens: price.optional(),
  methods: methods.optional(),
  adaptations: adaptations.optional(),
  shutdownDate: isoDate.optional(),
  newJobsEndDate: isoDate.optional(),
  newCustomers: z.boolean().optional(),
  aliases: aliases.optional(),
});

/**
 * What an added model (one the table does not know) gets by default. An added model is still
 * trained through the same service: a value every row of the table shares (OpenAI's end of new
 * jobs, its closed door to new customers) applies to it too; otherwise nothing is assumed.
 */
const addedDefaults = (rows: readonly ModelInfo[]) => {
  const shared = <K extends keyof ModelInfo>(field: K, fallback: ModelInfo[K]): ModelInfo[K] => {
    const first = rows[0]?.[field];
    return rows.length > 0 && rows.every((r) => JSON.stringify(r[field]) === JSON.stringify(first)) ? first! : fallback;
  };
  return { newJobsEndDate: shared('newJobsEndDate', null), newCustomers: shared('newCustomers', true), adaptations: shared('adaptations', []) };
};

/** A model the table does not know: tokenizer and limit are required, the rest defaults to unknown. */
const entrySchema = (rows: readonly ModelInfo[]) => {
  const d = addedDefaults(rows);
  return z.strictObject({
    baseModel: z.string().min(1).nullable().default(null),
    tokenizer,
    tokenLimit: z.int().positive(),
    trainingPricePerMTokens: price.default(null),
    baseInputPricePerMTokens: price.default(null),
    baseOutputPricePerMTokens: price.default(null),
    fineTunedInputPricePerMTokens: price.default(null),
    fineTunedOutputPricePerMTokens: price.default(null),
    methods: methods.default(['supervised']),
    adaptations: adaptations.default([...d.adaptations]),
    shutdownDate: isoDate.default(null),
    newJobsEndDate: isoDate.default(d.newJobsEndDate),
    newCustomers: z.boolean().default(d.newCustomers),
    aliases: aliases.default([]),
  });
};

const STAGE = 'model-table';

/** The table's rows with the overrides applied: patches merged over known rows, new rows added. */
export const buildRows = (table: ProviderModelTable, overrides: Record<string, Json> | undefined): Map<string, ModelInfo> => {
  const rows = new Map<string, ModelInfo>(Object.entries(table.models).map(([name, e]) => [name, { provider: table.provider, name, ...e }]));
  const original = [...rows.values()];
  const canonical = aliasIndex(rows);
  for (const [key, value] of Object.entries(overrides ?? {})) {
    const known = canonical.get(key);
    if (known !== undefined) {
      const patch = PatchSchema.safeParse(value);
      if (!patch.success) throw ConfigError.fromZod(STAGE, patch.error, { prefix: `models.${key}`, input: value, subject: 'pipeline' });
      const merged = { ...rows.get(known)! };
      for (const [field, v] of Object.entries(patch.data)) if (v !== undefined) Object.assign(merged, { [field]: v });
      rows.set(known, merged);
    } else {
      const entry = entrySchema(original).safeParse(value);
      if (!entry.success) throw ConfigError.fromZod(STAGE, entry.error, { prefix: `models.${key}`, input: value, subject: 'pipeline' });
      rows.set(key, { provider: table.provider, name: key, ...entry.data });
    }
  }
  return rows;
};

/** Every name (canonical or alias) -> canonical name. */
const aliasIndex = (rows: Map<string, ModelInfo>): Map<string, string> => {
  const index = new Map<string, string>();
  for (const info of rows.values()) {
    index.set(info.name, info.name);
    for (const alias of info.aliases) if (!rows.has(alias)) index.set(alias, info.name);
  }
  return index;
};

/** `name (alias, alias)`, as error messages and `tuneset models` list a row. */
export const rowLabel = (m: Pick<ModelInfo, 'name' | 'aliases'>): string => (m.aliases.length ? `${m.name} (${m.aliases.join(', ')})` : m.name);

/**
 * The row for a model name, an alias (`gpt-4o-mini`) or an OpenAI fine-tune (`ft:<base>:org::id`,
 * which trains and shuts down with its base). Throws a ConfigError naming the table's models.
 */
export const findRow = (table: ProviderModelTable, name: string, overrides?: Record<string, Json>): ModelInfo => {
  const rows = buildRows(table, overrides);
  const index = aliasIndex(rows);
  const base = name.startsWith('ft:') ? (name.split(':')[1] ?? '') : name;
  const canonical = index.get(name) ?? index.get(base);
  if (canonical !== undefined) return rows.get(canonical)!;
  const known = [...rows.values()].map(rowLabel);
  const listing = known.length > 0 ? `known ${table.provider} models: ${known.join(', ')}` : `${table.provider} has no models in its table yet`;
  throw new ConfigError(STAGE, [{ path: 'model', message: `unknown model "${name}"; ${listing}. Add it to the pipeline's \`models\` to use another` }], {
    subject: 'pipeline',
  });
};

export type ModelState = 'available' | 'shutting-down' | 'shut-down';

/** Inside this many days of a shutdown the model is reported as shutting down. */
export const SHUTDOWN_WARNING_DAYS = 30;
const DAY_MS = 86_400_000;

/**
 * Where a date stands relative to the injected clock: a date is reached at 00:00 UTC that day.
 * Used for model shutdowns and for a model's `newJobsEndDate`.
 */
export const dateStatus = (date: string | null, now: Date): { state: ModelState; daysLeft: number | null } => {
  if (date === null) return { state: 'available', daysLeft: null };
  const daysLeft = Math.max(0, Math.ceil((Date.parse(`${date}T00:00:00Z`) - now.getTime()) / DAY_MS));
  if (daysLeft === 0) return { state: 'shut-down', daysLeft };
  return { state: daysLeft <= SHUTDOWN_WARNING_DAYS ? 'shutting-down' : 'available', daysLeft };
};

export const modelStatus = (info: Pick<ModelInfo, 'shutdownDate'>, now: Date) => dateStatus(info.shutdownDate, now);

/** Whether the provider takes a new fine-tuning job on this model at `now`: neither date reached. */
export const acceptsNewJobs = (info: Pick<ModelInfo, 'shutdownDate' | 'newJobsEndDate'>, now: Date): boolean =>
  dateStatus(info.shutdownDate, now).state !== 'shut-down' && dateStatus(info.newJobsEndDate, now).state !== 'shut-down';
