import type { Json } from '../../pipeline/item.js';
import type { ProviderModelTable } from '../model-entry.js';
import { findRow, type ModelInfo } from '../model-rows.js';

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

/** A row of any provider's table with the provider it belongs to (../model-rows.ts). */
export type { ModelInfo } from '../model-rows.js';

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

/**
 * What every OpenAI row shares: no open base model behind it, LoRA or full not published, and since
 * 2026-05-07 an organisation that never fine-tuned is refused (openai-api.md §0.1).
 */
const OPENAI_ROW_DEFAULTS = { baseModel: null, adaptations: [], newCustomers: false } as const;

/** MODEL_TABLE in the shared row shape: what the registry, `tuneset models` and preflight read. */
export const OPENAI_TABLE: ProviderModelTable = {
  provider: 'openai',
  asOf: MODEL_TABLE.asOf,
  sources: {
    trainingPrices: MODEL_TABLE.prices.training.source,
    fineTunedInferencePrices: MODEL_TABLE.prices.fineTunedInference.source,
    baseInferencePrices: MODEL_TABLE.prices.baseInference.source,
    newJobsEndDate: 'openai-api.md §0.1: no new fine-tuning jobs for anyone from 2027-01-06',
    limitsAndShutdowns: 'openai-api.md §3.6-§3.7',
  },
  models: Object.fromEntries(
    Object.entries(MODEL_TABLE.models).map(([name, e]) => [name, { ...OPENAI_ROW_DEFAULTS, ...e, newJobsEndDate: MODEL_TABLE.newJobsEndDate }]),
  ),
};

/**
 * OpenAI's row for a model name, an alias (`gpt-4o-mini`) or a fine-tune (`ft:<base>:org::id`),
 * with the pipeline's flat `models` overrides. Throws a ConfigError naming the known models. Other
 * providers' rows: src/providers/model-lookup.ts.
 */
export const lookupModel = (name: string, overrides?: Record<string, Json>): ModelInfo => findRow(OPENAI_TABLE, name, overrides);

export { dateStatus, modelStatus, SHUTDOWN_WARNING_DAYS, type ModelState } from '../model-rows.js';
