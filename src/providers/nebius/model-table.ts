import { openModelRow, type OpenModelFields, type ProviderModelTable } from '../model-entry.js';

/**
 * What Nebius Token Factory (formerly Nebius AI Studio) fine-tunes, as researched on 2026-12-02
 * (docs/providers.md, nebius section). Only models whose tuneset tokenizer exists and whose
 * fine-tuning on Nebius a source confirmed; Nebius' own model list
 * (docs.tokenfactory.nebius.com/post-training/models) could not be read here, so the list is short
 * and every row says where it comes from. Limits: the API's documented default `context_length`
 * (8192) is the only training length confirmed; larger values per model were not. Prices: not
 * read (null). Nebius trains LoRA adapters or full weights (`hyperparameters.lora`).
 */
/** What every Nebius row shares: SFT only, the documented default training length. */
const row = (r: Pick<OpenModelFields, 'baseModel' | 'tokenizer' | 'adaptations'>) => openModelRow({ ...r, methods: ['supervised'], tokenLimit: 8192 });

export const NEBIUS_TABLE: ProviderModelTable = {
  provider: 'nebius',
  asOf: '2026-12-02',
  sources: {
    api: 'docs.tokenfactory.nebius.com/api-reference/fine-tuning/create-a-fine-tuning-job (OpenAPI version 20260506): body, hyperparameters, job object',
    tokenLimit: 'the same reference: hyperparameters.context_length defaults to 8192',
    'meta-llama/Meta-Llama-3.1-8B-Instruct':
      'docs.tokenfactory.nebius.com custom-model example (base meta-llama/Meta-Llama-3.1-8B-Instruct, LoRa); LoRA + full per skills.sh/arindam200/nebius-skills (third party, quoting docs.tokenfactory.nebius.com/post-training/models)',
    'meta-llama/Llama-3.3-70B-Instruct': 'LoRA per skills.sh/arindam200/nebius-skills (third party, quoting Nebius\' model list)',
    'Qwen/Qwen3-4B': "nebius.com/blog/posts/model-distillation-intro: Nebius' own tutorial fine-tunes Qwen3-4B with LoRA adapters through the fine-tuning API",
    prices: 'not read: null',
  },
  models: {
    'meta-llama/Meta-Llama-3.1-8B-Instruct': row({ baseModel: 'meta-llama/Llama-3.1-8B-Instruct', tokenizer: 'llama3', adaptations: ['lora', 'full'] }),
    'meta-llama/Llama-3.3-70B-Instruct': row({ baseModel: 'meta-llama/Llama-3.3-70B-Instruct', tokenizer: 'llama3', adaptations: ['lora'] }),
    'Qwen/Qwen3-4B': row({ baseModel: 'Qwen/Qwen3-4B', tokenizer: 'qwen3', adaptations: ['lora'] }),
  },
};
