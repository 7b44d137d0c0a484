import type { ModelEntry, ProviderModelTable } from '../model-entry.js';

/**
 * What Fireworks can fine-tune through `supervisedFineTuningJobs`, as data (docs/providers.md,
 * section fireworks, says what was read where). Only families whose tokenizer tuneset ships are
 * listed (qwen3, qwen2.5, llama3, gpt-oss): a model we cannot count exactly is one we cannot size
 * an export for. Llama 3.2 is left out: its template dates the system header with today's date,
 * where the shipped llama3 template (3.1/3.3) writes a fixed one, so its counts could differ.
 * Names are the ones the API takes (`accounts/fireworks/models/<id>`).
 *
 * Methods: the adapter hands off supervised jobs only. Fireworks trains DPO through a separate
 * resource (`dpoJobs`) that tuneset does not speak, so `dpo` is not listed: preflight refuses it
 * here rather than sending preference data to an SFT job. Adaptation: Fireworks' SFT jobs train
 * LoRA adapters (`loraRank`); no full-parameter switch is in the job's create body.
 *
 * Prices: training is billed per token in the dataset × epochs, by the base model's parameter
 * count ($0.50 / 1M up to 16B, $3.00 / 1M from 16.1B to 80B). The published brackets do not place
 * the mixture-of-experts gpt-oss models, so theirs are null rather than guessed. Serverless
 * inference is by parameter count too ($0.20 / 1M up to 16B, $0.90 / 1M 16.1B-80B, input and
 * output alike), and a LoRA served serverless costs what its base does (fine-tuned = base). A LoRA
 * must be deployed (serverless where Fireworks offers it for the base, else on a deployment billed
 * by GPU time) before eval can call it.
 *
 * Context limits: qwen3-8b's is Fireworks' own (its training shape `qwen3-8b-128k`); for the other
 * rows the stored copy of Fireworks' per-model table was cut before them, so the limit is the
 * model's own context length from its Hugging Face card, to be lowered if Fireworks' row says
 * less. The adapter sends the run's context length as `maxContextLength` when it has one, so an
 * example over Fireworks' limit is refused by the API rather than cut. No shutdown or
 * end-of-new-jobs date has been announced for any row.
 */
type Row = Pick<ModelEntry, 'baseModel' | 'tokenizer' | 'tokenLimit'> & {
  /** Per 1M training tokens, by the published parameter-count bracket; null where none applies. */
  training: number | null;
  /** Serverless inference per 1M tokens (input = output), base and LoRA alike. */
  inference: number | null;
};

const row = (r: Row): Omit<ModelEntry, 'name'> => ({
  baseModel: r.baseModel,
  tokenizer: r.tokenizer,
  tokenLimit: r.tokenLimit,
  methods: ['supervised'],
  adaptations: ['lora'],
  trainingPricePerMTokens: r.training,
  baseInputPricePerMTokens: r.inference,
  baseOutputPricePerMTokens: r.inference,
  fineTunedInputPricePerMTokens: r.inference,
  fineTunedOutputPricePerMTokens: r.inference,
  shutdownDate: null,
  newJobsEndDate: null,
  newCustomers: true,
  aliases: [],
});

/** Fireworks' price brackets by parameter count (https://fireworks.ai/pricing, read 2026-12). */
const UP_TO_16B = { training: 0.5, inference: 0.2 } as const;
const FROM_16B_TO_80B = { training: 3, inference: 0.9 } as const;
const MIXTURE_OF_EXPERTS = { training: null, inference: null } as const;

export const FIREWORKS_TABLE: ProviderModelTable = {
  provider: 'fireworks',
  asOf: '2026-12-02',
  sources: {
    api: 'https://docs.fireworks.ai/api-reference/create-supervised-fine-tuning-job and github.com/fw-ai-external/python-sdk (src/fireworks/types/supervised_fine_tuning_job*.py, generated from Fireworks\' OpenAPI document; read 2026-12): baseModel takes the accounts/fireworks/models/<id> names; loraRank, no full-parameter switch',
    models:
      'https://docs.fireworks.ai/fine-tuning/supervised-fine-tuning (read 2026-12): "Llama 3 models, Qwen 2/2.5 models, Qwen 3 non-MoE models ..."; https://docs.fireworks.ai/tools-sdks/firectl/commands/create-finetune-job (read 2026-12): llama-v3p1-8b-instruct as the example base model; https://docs.fireworks.ai/fine-tuning/fine-tuning-models (read 2026-12): GPT OSS among the thinking models SFT takes',
    contextLimits:
      'https://docs.fireworks.ai/fine-tuning/training-sdk/training-shapes (read 2026-12): shape qwen3-8b-128k-h200 (131072); the other rows: the model\'s own context length from its Hugging Face card (Qwen2.5 Instruct 32768, Llama 3.1/3.3 Instruct 131072, gpt-oss 131072), since the stored copy of https://docs.fireworks.ai/fine-tuning/managed-finetuning-intro was cut before their rows',
    trainingPrices: 'https://fireworks.ai/pricing (read 2026-12): $ / 1M tokens in training, models up to 16B $0.50, 16.1B-80B $3.00; billed on dataset tokens × epochs; no bracket names the MoE gpt-oss models',
    inferencePrices:
      'https://fireworks.ai/pricing (read 2026-12): serverless, up to 16B $0.20 / 1M, 16.1B-80B $0.90 / 1M; "LoRA models deployed to our serverless inference service are charged at the same rate as the underlying base model"; https://docs.fireworks.ai/faq/pricing (read 2026-12): fine-tuned models served at the base price',
    dates: 'No shutdown or end-of-new-jobs date announced for any row (read 2026-12).',
  },
  models: {
    'accounts/fireworks/models/qwen3-8b': row({ baseModel: 'Qwen/Qwen3-8B', tokenizer: 'qwen3', tokenLimit: 131_072, ...UP_TO_16B }),
    'accounts/fireworks/models/qwen2p5-7b-instruct': row({ baseModel: 'Qwen/Qwen2.5-7B-Instruct', tokenizer: 'qwen2.5', tokenLimit: 32_768, ...UP_TO_16B }),
    'accounts/fireworks/models/qwen2p5-72b-instruct': row({ baseModel: 'Qwen/Qwen2.5-72B-Instruct', tokenizer: 'qwen2.5', tokenLimit: 32_768, ...FROM_16B_TO_80B }),
    'accounts/fireworks/models/llama-v3p1-8b-instruct': row({ baseModel: 'meta-llama/Llama-3.1-8B-Instruct', tokenizer: 'llama3', tokenLimit: 131_072, ...UP_TO_16B }),
    'accounts/fireworks/models/llama-v3p1-70b-instruct': row({ baseModel: 'meta-llama/Llama-3.1-70B-Instruct', tokenizer: 'llama3', tokenLimit: 131_072, ...FROM_16B_TO_80B }),
    'accounts/fireworks/models/llama-v3p3-70b-instruct': row({ baseModel: 'meta-llama/Llama-3.3-70B-Instruct', tokenizer: 'llama3', tokenLimit: 131_072, ...FROM_16B_TO_80B }),
    'accounts/fireworks/models/gpt-oss-20b': row({ baseModel: 'openai/gpt-oss-20b', tokenizer: 'gpt-oss', tokenLimit: 131_072, ...MIXTURE_OF_EXPERTS }),
    'accounts/fireworks/models/gpt-oss-120b': row({ baseModel: 'openai/gpt-oss-120b', tokenizer: 'gpt-oss', tokenLimit: 131_072, ...MIXTURE_OF_EXPERTS }),
  },
};
