import { z } from 'zod';
import { ConfigError } from '../../pipeline/errors.js';
import type { Json } from '../../pipeline/item.js';
import type { ModelEntry } from '../model-entry.js';

/**
 * The fine-tunable models: encodings, limits, prices and shutdown dates as data, as researched on
 * 2026-11-23 (../shared/docs/openai-api.md §3.6-§3.8 and §4). OpenAI is winding fine-tuning down,
 * so every value here is overridable from a pipeline (`models: { name: { ... } }`) rather than
 * patched in code. Prices are USD per 1M tokens, standard tier; null where no per-token price is
 * published (o4-mini reinforcement fine-tuning is billed per hour). Inference is priced twice: a
 * fine-tuned model costs more per token than its base (for gpt-4o-mini twice as much), and evaluation
 * prices an `ft:<base>:...` model at its base's fine-tuned price. `MODEL_TABLE.prices` says where
 * each kind of price comes from and as of when.
 */

export type Encoding = 'o200k_base' | 'cl100k_base';
export type Method = 'supervised' | 'dpo' | 'vision' | 'reinforcement';

/**
 * A row of the table (the shared shape in ../model-entry.ts) with the provider it belongs to.
 * OpenAI's rows: tokenizer is a tiktoken encoding; no base model on Hugging Face; the adaptation
 * (LoRA or full) is not published.
 */
export interface ModelInfo extends ModelEntry {
  provider: string;
}

interface OpenAIRow {
  tokenizer: Encoding;
  /** Most tokens one training example may have; OpenAI truncates longer ones from the end. */
  tokenLimit: number;
  trainingPricePerMTokens: number | null;
  /** Inference on the base model itself, per 1M input (prompt) and output (completion) tokens. */
  baseInputPricePerMTokens: number | null;
  baseOutputPricePerMTokens: number | null;
  /** Inference on a model fine-tuned from this base (`ft:<base>:...`, its checkpoints too). */
  fineTunedInputPricePerMTokens: number | null;
  fineTunedOutputPricePerMTokens: number | null;
  methods: readonly Method[];
  /** YYYY-MM-DD: the base model and every fine-tune built on it stop working; null if none announced. */
  shutdownDate: string | null;
  /** YYYY-MM-DD: no new fine-tuning jobs on this model from this date; the table's `newJobsEndDate` unless overridden; null if none. */
  newJobsEndDate: string | null;
  aliases: readonly string[];
}

export const MODEL_TABLE = {
  asOf: '2026-11-23',
  /** Where the prices come from; `asOf` is the month of the page that was read. */
  prices: {
    training: { asOf: '2025-11', source: "OpenAI's pricing page, fine-tuning table, as mirrored Oct-Nov 2025 (openai-api.md §3.8)" },
    fineTunedInference: { asOf: '2025-11', source: "OpenAI's pricing page, fine-tuning table (input and output columns), as mirrored Oct-Nov 2025 (openai-api.md §3.8)" },
    baseInference: { asOf: '2026-03', source: "OpenAI's pricing page (platform.openai.com/docs/pricing), standard tier, as quoted by third-party snapshots of Mar-May 2026" },
  },
  /** No new fine-tuning jobs for anyone from this date (openai-api.md §0.1); every entry's default. */
  newJobsEndDate: '2027-01-06',
  models: {
    'gpt-4o-2024-08-06': {
      tokenizer: 'o200k_base', tokenLimit: 65_536,
      trainingPricePerMTokens: 25, baseInputPricePerMTokens: 2.5, baseOutputPricePerMTokens: 10, fineTunedInputPricePerMTokens: 3.75, fineTunedOutputPricePerMTokens: 15,
      methods: ['supervised', 'dpo', 'vision'], shutdownDate: '2027-01-14', aliases: ['gpt-4o'],
    },
    'gpt-4o-mini-2024-07-18': {
      tokenizer: 'o200k_base', tokenLimit: 65_536,
      trainingPricePerMTokens: 3, baseInputPricePerMTokens: 0.15, baseOutputPricePerMTokens: 0.6, fineTunedInputPricePerMTokens: 0.3, fineTunedOutputPricePerMTokens: 1.2,
      methods: ['supervised', 'dpo'], shutdownDate: '2027-01-14', aliases: ['gpt-4o-mini'],
    },
    // The 4.1 limits come from Azure's table; OpenAI's own value was not found (§3.7).
    'gpt-4.1-2025-04-14': {
      tokenizer: 'o200k_base', tokenLimit: 65_536,
      trainingPricePerMTokens: 25, baseInputPricePerMTokens: 2, baseOutputPricePerMTokens: 8, fineTunedInputPricePerMTokens: 3, fineTunedOutputPricePerMTokens: 12,
      methods: ['supervised', 'dpo', 'vision'], shutdownDate: '2027-01-14', aliases: ['gpt-4.1'],
    },
    'gpt-4.1-mini-2025-04-14': {
      tokenizer: 'o200k_base', tokenLimit: 65_536,
      trainingPricePerMTokens: 5, baseInputPricePerMTokens: 0.4, baseOutputPricePerMTokens: 1.6, fineTunedInputPricePerMTokens: 0.8, fineTunedOutputPricePerMTokens: 3.2,
      methods: ['supervised', 'dpo'], shutdownDate: '2027-01-14', aliases: ['gpt-4.1-mini'],
    },
    'gpt-4.1-nano-2025-04-14': {
      tokenizer: 'o200k_base', tokenLimit: 32_768,
      trainingPricePerMTokens: 1.5, baseInputPricePerMTokens: 0.1, baseOutputPricePerMTokens: 0.4, fineTunedInputPricePerMTokens: 0.2, fineTunedOutputPricePerMTokens: 0.8,
      methods: ['supervised', 'dpo'], shutdownDate: '2026-10-23', aliases: ['gpt-4.1-nano'],
    },
    'gpt-3.5-turbo-0125': {
      tokenizer: 'cl100k_base', tokenLimit: 16_385,
      trainingPricePerMTokens: 8, baseInputPricePerMTokens: 0.5, baseOutputPricePerMTokens: 1.5, fineTunedInputPricePerMTokens: 3, fineTunedOutputPricePerMTokens: 6,
      methods: ['supervised'], shutdownDate: '2026-10-23', aliases: ['gpt-3.5-turbo'],
    },
    // Reinforcement fine-tuning only, billed $100 per training hour: no per-token training price.
    'o4-mini-2025-04-16': {
      tokenizer: 'o200k_base', tokenLimit: 65_536,
      trainingPricePerMTokens: null, baseInputPricePerMTokens: 1.1, baseOutputPricePerMTokens: 4.4, fineTunedInputPricePerMTokens: 4, fineTunedOutputPricePerMTokens: 16,
      methods: ['reinforcement'], shutdownDate: '2026-10-23', aliases: ['o4-mini'],
    },
  } satisfies Record<string, Omit<OpenAIRow, 'newJobsEndDate'>>,
} as const;

export const NEW_JOBS_END_DATE: string = MODEL_TABLE.newJobsEndDate;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD').nullable();
const price = z.number().nonnegative().nullable();
const encoding = z.enum(['o200k_base', 'cl100k_base']);
const methods = z.array(z.enum(['supervised', 'dpo', 'vision', 'reinforcement']));
const aliases = z.array(z.string().min(1));
/** A model the table does not know: encoding and limit are required, the rest defaults to unknown. */
const EntrySchema = z.strictObject({
  tokenizer: encoding,
  tokenLimit: z.int().positive(),
  trainingPricePerMTokens: price.default(null),
  baseInputPricePerMTokens: price.default(null),
  baseOutputPricePerMTokens: price.default(null),
  fineTunedInputPricePerMTokens: price.default(null),
  fineTunedOutputPricePerMTokens: price.default(null),
  methods: methods.default(['supervised']),
  shutdownDate: isoDate.default(null),
  // An added model is still trained through the same service, which stops taking jobs on this date.
  newJobsEndDate: isoDate.default(MODEL_TABLE.newJobsEndDate),
  aliases: aliases.default([]),
});
/** Patching a known model: any subset of fields, no defaults filled in. */
const PatchSchema = z.strictObject({
  tokenizer: encoding.optional(),
  tokenLimit: z.int().positive().optional(),
  trainingPricePerMTokens: price.optional(),
  baseInputPricePerMTokens: price.optional(),
  baseOutputPricePerMTokens: price.optional(),
  fineTunedInputPricePerMTokens: price.optional(),
  fineTunedOutputPricePerMTokens: price.optional(),
  methods: methods.optional(),
  shutdownDate: isoDate.optional(),
  newJobsEndDate: isoDate.optional(),
  aliases: aliases.optional(),
});

const STAGE = 'model-table';

/**
 * What every OpenAI row shares: no open base model behind it, LoRA or full not published, and since
 * 2026-05-07 an organisation that never fine-tuned is refused (openai-api.md §0.1).
 */
const OPENAI_ROW_DEFAULTS = { provider: 'openai', baseModel: null, adaptations: [], newCustomers: false } as const;

/** The table with the pipeline's overrides applied: patches merged over known entries, new entries added. */
const buildTable = (overrides: Record<string, Json> | undefined): Map<string, ModelInfo> => {
  const table = new Map<string, ModelInfo>(
    Object.entries(MODEL_TABLE.models).map(([name, e]) => [name, { ...OPENAI_ROW_DEFAULTS, name, ...e, newJobsEndDate: MODEL_TABLE.newJobsEndDate }]),
  );
  const canonical = aliasIndex(table);
  for (const [key, value] of Object.entries(overrides ?? {})) {
    const known = canonical.get(key);
    if (known !== undefined) {
      const patch = PatchSchema.safeParse(value);
      if (!patch.success) throw ConfigError.fromZod(STAGE, patch.error, { prefix: `models.${key}`, input: value, subject: 'pipeline' });
      const merged = { ...table.get(known)! };
      for (const [field, v] of Object.entries(patch.data)) if (v !== undefined) Object.assign(merged, { [field]: v });
      table.set(known, merged);
    } else {
      const entry = EntrySchema.safeParse(value);
      if (!entry.success) throw ConfigError.fromZod(STAGE, entry.error, { prefix: `models.${key}`, input: value, subject: 'pipeline' });
      table.set(key, { ...OPENAI_ROW_DEFAULTS, name: key, ...entry.data });
    }
  }
  return table;
};

/** Every name (canonical or alias) -> canonical name. */
const aliasIndex = (table: Map<string, ModelInfo>): Map<string, string> => {
  const index = new Map<string, string>();
  for (const info of table.values()) {
    index.set(info.name, info.name);
    for (const alias of info.aliases) if (!table.has(alias)) index.set(alias, info.name);
  }
  return index;
};

/**
 * The table entry for a model name, an alias (`gpt-4o-mini`) or a fine-tune (`ft:<base>:org::id`,
 * which trains and shuts down with its base). Throws a ConfigError naming the known models.
 */
export const lookupModel = (name: string, overrides?: Record<string, Json>): ModelInfo => {
  const table = buildTable(overrides);
  const index = aliasIndex(table);
  const base = name.startsWith('ft:') ? (name.split(':')[1] ?? '') : name;
  const canonical = index.get(name) ?? index.get(base);
  if (canonical !== undefined) return table.get(canonical)!;
  const known = [...table.values()].map((m) => (m.aliases.length ? `${m.name} (${m.aliases.join(', ')})` : m.name));
  throw new ConfigError(
    STAGE,
    [
      {
        path: 'model',
        message: `unknown model "${name}"; known models: ${known.join(', ')}. Add it to the pipeline's \`models\` to use another`,
      },
    ],
    { subject: 'pipeline' },
  );
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
