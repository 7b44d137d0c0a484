import type { ProviderModelTable, TrainingMethod } from '../model-entry.js';
import { OPENAI_TABLE } from '../openai/model-table.js';

/**
 * What Azure OpenAI / Foundry fine-tunes, as researched on 2026-12-02 (docs/providers.md, azure
 * section). Two kinds of rows:
 *
 * - The open models (Ministral-3B, Qwen-32B, Llama-3.3-70B-Instruct, gpt-oss-20b):
 *   SFT only, Global (or US Data Zone) training only, no Standard regions, Foundry resources only.
 *   Names are the Model IDs of Microsoft's fine-tuning table. No per-token training price is in the
 *   docs (the pricing page was not read): null. Training context limits are not published for them
 *   either: tokenLimit is the base model's own context window.
 * - OpenAI's models, the same snapshots and limits as OpenAI's table, for existing customers only
 *   (`newCustomers: false`), with the methods Microsoft's table gives them; their OpenAI dates do not
 *   apply on Azure (Azure retires on its own schedule) and OpenAI's prices are not Azure's: both
 *   cleared (null), as Azure's pricing page was not read.
 *
 * Azure trains by LoRA ("We use LoRA, or low rank approximation", Azure OpenAI fine-tuning guide).
 */

const NO_PRICES = {
  trainingPricePerMTokens: null,
  baseInputPricePerMTokens: null,
  baseOutputPricePerMTokens: null,
  fineTunedInputPricePerMTokens: null,
  fineTunedOutputPricePerMTokens: null,
} as const;

/** Open models: Global training only, so a job must say `trainingType: GlobalStandard`. */
const OPEN_MODEL = {
  methods: ['supervised'],
  adaptations: ['lora'],
  ...NO_PRICES,
  shutdownDate: null,
  newJobsEndDate: null,
  newCustomers: true,
  aliases: [],
} as const;

/**
 * The OpenAI snapshots Microsoft lists as fine-tunable, with the methods its table gives each (SFT,
 * DPO; vision where the modality is "Text and vision to text"; o4-mini RFT only). gpt-5 (RFT, by
 * invitation) is left out.
 */
const AZURE_OPENAI_METHODS: Record<string, readonly TrainingMethod[]> = {
  'gpt-4o-mini-2024-07-18': ['supervised'],
  'gpt-4o-2024-08-06': ['supervised', 'dpo', 'vision'],
  'gpt-4.1-2025-04-14': ['supervised', 'dpo', 'vision'],
  'gpt-4.1-mini-2025-04-14': ['supervised', 'dpo'],
  'gpt-4.1-nano-2025-04-14': ['supervised', 'dpo'],
  'o4-mini-2025-04-16': ['reinforcement'],
};

/** Tokenizer, limits and aliases are the snapshot's own; OpenAI's prices and dates are not Azure's (null). */
const openAIRowsForExistingCustomers = Object.fromEntries(
  Object.entries(OPENAI_TABLE.models)
    .filter(([name]) => Object.hasOwn(AZURE_OPENAI_METHODS, name))
    .map(([name, row]) => [
      name,
      { ...row, ...NO_PRICES, methods: AZURE_OPENAI_METHODS[name]!, adaptations: ['lora'] as const, shutdownDate: null, newJobsEndDate: null, newCustomers: false },
    ]),
);

export const AZURE_TABLE: ProviderModelTable = {
  provider: 'azure',
  asOf: '2026-12-02',
  sources: {
    models:
      'MicrosoftDocs/azure-ai-docs articles/foundry/includes/fine-tune-supported-models.md (ms.date 2026-03-05): Model ID, regions, Global/Developer, methods',
    protocol: 'MicrosoftDocs/azure-ai-docs articles/foundry/openai/includes/fine-tuning-rest.md and fine-tuning-oai-sdk.md: /openai/v1/files, /openai/v1/fine_tuning/jobs, api-key, trainingType',
    prices:
      'articles/foundry/openai/includes/how-to-fine-tuning-cost-management-content.md: price = training tokens x epochs x price per token; per-model prices only on azure.microsoft.com/pricing (not read): null',
    newCustomers: 'issue 11 (researched 2026-12): OpenAI models for existing Azure customers only; not restated on learn.microsoft.com pages read here',
    tokenLimits: "OpenAI rows: OpenAI's table (Azure's training example context length 65,536, 32,768 for 4.1-nano); open rows: the base model's context window",
  },
  models: {
    // Ministral-3B (2411 in Microsoft's table) is Mistral's Ministral 3B 24.10 (Mistral's Azure page), a
    // closed-weights model: no Hugging Face id, and its tokenizer is not published. mistral-tekken-v3
    // is what mistral-common gives its sibling ministral-8b-2410 (docs/providers.md, tokenizers).
    // Context 131,072: the 128k window OpenRouter and Vercel's gateway list for ministral-3b-2410.
    'Ministral-3B': { ...OPEN_MODEL, baseModel: null, tokenizer: 'mistral-tekken-v3', tokenLimit: 131_072 },
    // Microsoft's table says only "Qwen-32B"; which Qwen generation was not found: Qwen3-32B assumed.
    'Qwen-32B': { ...OPEN_MODEL, baseModel: 'Qwen/Qwen3-32B', tokenizer: 'qwen3', tokenLimit: 32_768 },
    'Llama-3.3-70B-Instruct': { ...OPEN_MODEL, baseModel: 'meta-llama/Llama-3.3-70B-Instruct', tokenizer: 'llama3', tokenLimit: 131_072 },
    'gpt-oss-20b': { ...OPEN_MODEL, baseModel: 'openai/gpt-oss-20b', tokenizer: 'gpt-oss', tokenLimit: 131_072 },
    ...openAIRowsForExistingCustomers,
  },
};

/** Models Azure trains only with Global (or Data Zone) capacity: their jobs carry `trainingType: GlobalStandard`. */
export const GLOBAL_TRAINING_ONLY: ReadonlySet<string> = new Set(['Ministral-3B', 'Qwen-32B', 'Llama-3.3-70B-Instruct', 'gpt-oss-20b']);
