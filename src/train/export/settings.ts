import type { Json } from '../../pipeline/item.js';
import type { Manifest } from '../../pipeline/manifest.js';
import type { TokenReport } from '../handoff-preview.js';
import { findReport } from '../../pipeline/manifest.js';

/**
 * A small open chat model: TRL's SFT docs train Qwen/Qwen3-0.6B, TRL patches its chat template for
 * `assistant_only_loss`, and LLaMA-Factory ships a `qwen3_nothink` template for it. Written as a
 * marked placeholder; `--base-model` replaces it. Nothing is downloaded here.
 */
export const DEFAULT_BASE_MODEL = 'Qwen/Qwen3-0.6B';
export const DEFAULT_LLAMA_FACTORY_TEMPLATE = 'qwen3_nothink';

/** LoRA defaults of TRL's ModelConfig (lora_r 16, lora_alpha 32, lora_dropout 0.05), used for all three. */
export const LORA = { r: 16, alpha: 32, dropout: 0.05 } as const;

/** When OpenAI's batch size is 'auto' or unset: one example per device, 8 accumulated (LLaMA-Factory's examples). */
const DEFAULT_ACCUMULATION = 8;
const FALLBACK_EPOCHS = 3;
const FALLBACK_SEQUENCE = 2048;
const MIN_SEQUENCE = 512;

export interface ExportSettings {
  pipeline: string;
  runId: string;
  baseModel: string;
  /** True when the model is our default, so the config marks it as a placeholder. */
  baseModelIsPlaceholder: boolean;
  epochs: number;
  /** Why `epochs` has its value, for the config comment. */
  epochsSource: string;
  sequenceLength: number;
  sequenceSource: string;
  /** OpenAI's batch size is examples per step: 1 per device times this many accumulated. */
  gradientAccumulation: number;
  batchSource: string;
  seed: number | undefined;
}

const numberAt = (obj: Json | undefined, key: string): number | undefined => {
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) return undefined;
  const v = obj[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
};

const nextPowerOfTwo = (n: number): number => 2 ** Math.ceil(Math.log2(Math.max(n, 1)));

export const exportSettings = (manifest: Manifest, baseModel: string | undefined): ExportSettings => {
  const tokens = findReport(manifest, 'billedTokens') as unknown as TokenReport | undefined;
  const declared = numberAt(manifest.train, 'epochs');
  const resolved = tokens?.epochs?.resolved;
  const [epochs, epochsSource] =
    declared !== undefined
      ? [declared, 'the epochs declared with .train()']
      : typeof resolved === 'number'
        ? [resolved, "'auto' epochs as OpenAI would resolve them for this run"]
        : [FALLBACK_EPOCHS, 'no epochs in the manifest; 3 is a common start'];
  const maxima = Object.values(tokens?.splits ?? {}).map((s) => s.tokens.max);
  const longest = maxima.length > 0 ? Math.max(...maxima) : undefined;
  // Another tokenizer counts differently: a power of two above OpenAI's count leaves headroom.
  const [sequenceLength, sequenceSource] =
    longest === undefined
      ? [FALLBACK_SEQUENCE, 'no token counts in the manifest']
      : [Math.max(MIN_SEQUENCE, nextPowerOfTwo(longest)), `longest example ${longest} tokens by OpenAI's tokenizer, rounded up to a power of two`];
  const batchSize = numberAt(manifest.train, 'batchSize');
  return {
    pipeline: manifest.pipeline,
    runId: manifest.runId,
    baseModel: baseModel ?? DEFAULT_BASE_MODEL,
    baseModelIsPlaceholder: baseModel === undefined,
    epochs,
    epochsSource,
    sequenceLength,
    sequenceSource,
    gradientAccumulation: batchSize ?? DEFAULT_ACCUMULATION,
    batchSource:
      batchSize !== undefined
        ? `OpenAI batch size ${batchSize} = 1 example per device times ${batchSize} accumulation steps`
        : `OpenAI batch size 'auto' or unset; ${DEFAULT_ACCUMULATION} accumulation steps of 1 example is a common start`,
    seed: numberAt(manifest.train, 'seed'),
  };
};
