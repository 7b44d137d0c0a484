import { openModelRow as row, type ProviderModelTable } from '../model-entry.js';

/**
 * What Together AI can fine-tune, as data (docs/providers.md, section together, says what was read
 * where). Only families whose tokenizer tuneset ships are listed (qwen3, llama3, gpt-oss): a model
 * we cannot count exactly is a model we cannot size an export for.
 *
 * Prices: Together bills training per token processed (epochs × training tokens + evals ×
 * validation tokens) at a rate set by model-size bracket, SFT or DPO, and LoRA or full; the rates
 * live on together.ai/pricing, which no stored copy showed, so they are null here rather than
 * guessed. Its docs say there is no minimum charge, and a cancelled job pays for the steps it ran.
 * Fine-tuned models are served on dedicated endpoints billed by the minute, not per token: those
 * prices are null too. No shutdown or end-of-new-jobs date has been announced for any row.
 */
export const TOGETHER_TABLE: ProviderModelTable = {
  provider: 'together',
  asOf: '2026-12-02',
  sources: {
    models:
      'https://docs.together.ai/docs/fine-tuning-models (read 2026-12): LoRA table rows for openai/gpt-oss-20b and openai/gpt-oss-120b (SFT context 16384, DPO 8192); the note that meta-llama/Meta-Llama-3.1-8B-Instruct-Reference is the LoRA string and that 32K-131K contexts on Llama 3.1 are LoRA only',
    quickstart: 'https://docs.together.ai/docs/fine-tuning/overview (read 2026-12): the quickstart launches a LoRA job on Qwen3 8B',
    contextLimits:
      'gpt-oss rows as read; the stored copy of the supported-models page was cut before the Qwen3 and Llama rows, so their limit is 8192, the context length Together uses in its own Llama-3-8B cost example (https://docs.together.ai/docs/fine-tuning-pricing, read 2026-12): a floor, to be raised once the row is read',
    methods: 'https://docs.together.ai/docs/fine-tuning/lora-vs-full (read 2026-12): LoRA is the default; SFT and DPO both take LoRA or full',
    prices: 'https://docs.together.ai/docs/fine-tuning/pricing (read 2026-12): per-token, by size bracket, method and LoRA/full; rates only on together.ai/pricing (not read); no minimum charge',
  },
  models: {
    'Qwen/Qwen3-8B': row({ baseModel: 'Qwen/Qwen3-8B', tokenizer: 'qwen3', tokenLimit: 8192, methods: ['supervised', 'dpo'], adaptations: ['lora', 'full'] }),
    'meta-llama/Meta-Llama-3.1-8B-Instruct-Reference': row({
      baseModel: 'meta-llama/Llama-3.1-8B-Instruct',
      tokenizer: 'llama3',
      tokenLimit: 8192,
      methods: ['supervised', 'dpo'],
      adaptations: ['lora', 'full'],
    }),
    'openai/gpt-oss-20b': row({ baseModel: 'openai/gpt-oss-20b', tokenizer: 'gpt-oss', tokenLimit: 16_384, methods: ['supervised', 'dpo'], adaptations: ['lora'] }),
    'openai/gpt-oss-120b': row({ baseModel: 'openai/gpt-oss-120b', tokenizer: 'gpt-oss', tokenLimit: 16_384, methods: ['supervised', 'dpo'], adaptations: ['lora'] }),
  },
};

/** Largest batch each model takes, for the fake's `batch_size: "max"` (gpt-oss rows as read; others a small stand-in). */
export const MAX_BATCH_SIZE: Readonly<Record<string, number>> = {
  'openai/gpt-oss-20b': 8,
  'openai/gpt-oss-120b': 16,
};
