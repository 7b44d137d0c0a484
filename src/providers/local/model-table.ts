import { openModelRow, type ModelEntry, type ProviderModelTable } from '../model-entry.js';

/**
 * Open base models trained on your own hardware with an open trainer (TRL, axolotl, LLaMA-Factory)
 * through `tuneset export`: the target `local:<Hugging Face id>`. Local is a target, not a trainer:
 * nothing is sent anywhere, so there are no prices and no dates. The token limit is the model's
 * native context length (its model card; long-context extensions such as YaRN are not assumed),
 * and the tokenizer id names the family's tokenizer and chat template in src/tokenizers.
 */

type LocalRow = Pick<ModelEntry, 'tokenizer' | 'tokenLimit'>;

const ROWS: Record<string, LocalRow> = {
  'Qwen/Qwen3-0.6B': { tokenizer: 'qwen3', tokenLimit: 32_768 },
  'Qwen/Qwen3-1.7B': { tokenizer: 'qwen3', tokenLimit: 32_768 },
  'Qwen/Qwen3-4B': { tokenizer: 'qwen3', tokenLimit: 32_768 },
  'Qwen/Qwen3-8B': { tokenizer: 'qwen3', tokenLimit: 32_768 },
  'Qwen/Qwen2.5-0.5B-Instruct': { tokenizer: 'qwen2.5', tokenLimit: 32_768 },
  'Qwen/Qwen2.5-1.5B-Instruct': { tokenizer: 'qwen2.5', tokenLimit: 32_768 },
  'Qwen/Qwen2.5-7B-Instruct': { tokenizer: 'qwen2.5', tokenLimit: 32_768 },
  'meta-llama/Llama-3.2-1B-Instruct': { tokenizer: 'llama3', tokenLimit: 131_072 },
  'meta-llama/Llama-3.2-3B-Instruct': { tokenizer: 'llama3', tokenLimit: 131_072 },
  'meta-llama/Llama-3.1-8B-Instruct': { tokenizer: 'llama3', tokenLimit: 131_072 },
  'openai/gpt-oss-20b': { tokenizer: 'gpt-oss', tokenLimit: 131_072 },
};

export const LOCAL_TABLE: ProviderModelTable = {
  provider: 'local',
  asOf: '2026-12-02',
  sources: {
    tokenLimit: "each model's Hugging Face model card (huggingface.co/<id>), native context length, read 2026-12",
    methods: 'what the exports configure: TRL SFTTrainer/DPOTrainer, axolotl, LLaMA-Factory (LoRA or full)',
  },
  models: Object.fromEntries(
    Object.entries(ROWS).map(([name, row]) => [
      name,
      // Local trains what the exports configure: both methods, LoRA or full, on the model itself.
      openModelRow({ ...row, baseModel: name, methods: ['supervised', 'dpo'], adaptations: ['lora', 'full'] }),
    ]),
  ),
};
