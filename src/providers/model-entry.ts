/**
 * One row of a provider's dated model table: what that provider can fine-tune, as data. Every
 * provider folder (src/providers/<name>/model-table.ts) exports a ProviderModelTable; nothing in
 * logic names a model, a price, a limit or a date.
 */

export type TrainingMethod = 'supervised' | 'dpo' | 'vision' | 'reinforcement';
/** LoRA adapters or full-parameter training. OpenAI does not say; its rows list neither. */
export type Adaptation = 'lora' | 'full';

export interface ModelEntry {
  /** The name the provider's API takes (`Qwen/Qwen3-8B`, `accounts/fireworks/models/qwen3-8b`, `gpt-4o-mini-2024-07-18`). */
  name: string;
  /** The open model's Hugging Face id when it is one (`Qwen/Qwen3-8B`): what `export` and `--target local:` name. */
  baseModel: string | null;
  /** A tokenizer id from src/tokenizers (`o200k_base`, `qwen3`, ...): how examples are counted for this model. */
  tokenizer: string;
  /** Most tokens one training example may have (the provider's context length for training). */
  tokenLimit: number;
  methods: readonly TrainingMethod[];
  adaptations: readonly Adaptation[];
  /** USD per 1M training tokens; null where none is published (billed per hour, or by GPU). */
  trainingPricePerMTokens: number | null;
  /** Inference on the base model, USD per 1M input and output tokens. */
  baseInputPricePerMTokens: number | null;
  baseOutputPricePerMTokens: number | null;
  /** Inference on a model fine-tuned from this base (its checkpoints too). */
  fineTunedInputPricePerMTokens: number | null;
  fineTunedOutputPricePerMTokens: number | null;
  /** YYYY-MM-DD: the base model and its fine-tunes stop working; null if none announced. */
  shutdownDate: string | null;
  /** YYYY-MM-DD: no new fine-tuning jobs on this model from this date; null if none announced. */
  newJobsEndDate: string | null;
  /** False where only existing customers may still train it (Azure's OpenAI models). */
  newCustomers: boolean;
  aliases: readonly string[];
}

/** The table a provider folder exports. `models` rows omit `name` (the key) and may omit defaults. */
export interface ProviderModelTable {
  provider: string;
  /** YYYY-MM-DD the table was researched. */
  asOf: string;
  /** Where each kind of value comes from (URL or document, and the month read), for docs/providers.md. */
  sources: Record<string, string>;
  models: Record<string, Omit<ModelEntry, 'name'>>;
}

/** What an open model's row names; the rest is the same for every open model a table lists. */
export type OpenModelFields = Pick<ModelEntry, 'baseModel' | 'tokenizer' | 'tokenLimit' | 'methods' | 'adaptations'>;

/**
 * A row for an open model (local, Nebius, Together): no prices (not published per token, or not
 * read: null rather than guessed), no announced dates, open to new customers, no aliases.
 */
export const openModelRow = (r: OpenModelFields): Omit<ModelEntry, 'name'> => ({
  ...r,
  trainingPricePerMTokens: null,
  baseInputPricePerMTokens: null,
  baseOutputPricePerMTokens: null,
  fineTunedInputPricePerMTokens: null,
  fineTunedOutputPricePerMTokens: null,
  shutdownDate: null,
  newJobsEndDate: null,
  newCustomers: true,
  aliases: [],
});
