import type { Json } from '../../pipeline/item.js';
import type { Manifest } from '../../pipeline/manifest.js';
import { findReport } from '../../pipeline/manifest.js';
import { allTables, isTargetProvider, lookupModel } from '../../providers/model-lookup.js';
import { countFileTokens } from '../../stages/token-check/count-file-tokens.js';
import { isTokenizerId } from '../../tokenizers/index.js';
import { longestExampleTokens, type TokenReport } from '../handoff-preview.js';

/**
 * A small open chat model: TRL's SFT docs train Qwen/Qwen3-0.6B, TRL patches its chat template for
 * `assistant_only_loss`, and LLaMA-Factory ships a `qwen3_nothink` template for it. Written as a
 * marked placeholder when neither `--base-model` nor the run's target names an open model.
 * Nothing is downloaded here.
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
/**
 * Exact counts are rounded up to a multiple of 8 (what trainers pad to) after one more token: TRL's
 * DPOTrainer appends EOS to each completion, which the chat template's text does not hold.
 */
const EXACT_MULTIPLE = 8;
const TRAINER_ADDED_TOKENS = 1;

export interface ExportSettings {
  pipeline: string;
  runId: string;
  baseModel: string;
  /** True when the model is our default, so the config marks it as a placeholder. */
  baseModelIsPlaceholder: boolean;
  /** The run's target (`local:Qwen/Qwen3-1.7B`) when the base model comes from it rather than --base-model. */
  baseModelTarget?: string;
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
const exactLength = (longest: number): number => Math.ceil((longest + TRAINER_ADDED_TOKENS) / EXACT_MULTIPLE) * EXACT_MULTIPLE;

/**
 * The tokenizer id (src/tokenizers) of an open base model: the tokenizer of any provider's row
 * whose Hugging Face id it is (`local` lists the small ones). Undefined when no table knows it.
 */
export const baseModelTokenizer = (baseModel: string): string | undefined => {
  const wanted = baseModel.toLowerCase();
  for (const table of Object.values(allTables())) {
    for (const row of Object.values(table.models)) if (row.baseModel?.toLowerCase() === wanted && isTokenizerId(row.tokenizer)) return row.tokenizer;
  }
  return undefined;
};

/**
 * The base model the run was built for, when it names one: a `local` target is a Hugging Face id
 * (its row's baseModel when the table maps it), and another provider's row may name the open
 * model it trains (together:Qwen/Qwen3-8B -> Qwen/Qwen3-8B). OpenAI's models have none.
 */
export const targetBaseModel = (manifest: Manifest): string | undefined => {
  const provider = manifest.provider ?? 'openai';
  if (!isTargetProvider(provider)) return undefined;
  let row: ReturnType<typeof lookupModel> | undefined;
  try {
    row = lookupModel(provider, manifest.model);
  } catch {
    row = undefined;
  }
  if (row?.baseModel) return row.baseModel;
  return provider === 'local' ? manifest.model : undefined;
};

/**
 * The tokenizer the run counted with: the token report says (`encoding` in runs made before
 * tokenizers had ids), else the run target's model row.
 */
const runTokenizer = (manifest: Manifest, tokens: TokenReport | undefined): string | undefined => {
  const named = tokens?.tokenizer ?? tokens?.encoding;
  if (typeof named === 'string') return named;
  const provider = manifest.provider ?? 'openai';
  if (!isTargetProvider(provider)) return undefined;
  try {
    return lookupModel(provider, manifest.model).tokenizer;
  } catch {
    return undefined;
  }
};

/**
 * The length setting (TRL max_length, axolotl sequence_len, LLaMA-Factory cutoff_len) that holds
 * the longest example, so no trainer cuts an answer off or drops an example:
 * - the run counted with the base model's tokenizer: its longest count, exact;
 * - the base model has another shipped tokenizer: every split file recounted with it, exact;
 * - neither (a base model no table knows): a power of two above the run's count, as headroom.
 */
const sequenceLengthFor = async (
  manifest: Manifest,
  tokens: TokenReport | undefined,
  baseModel: string,
  splitFiles: readonly string[],
): Promise<[number, string]> => {
  const longest = longestExampleTokens(tokens);
  const counted = runTokenizer(manifest, tokens);
  const base = baseModelTokenizer(baseModel);
  const exact = (n: number, how: string): [number, string] => [
    exactLength(n),
    `longest example ${n} tokens ${how}, plus ${TRAINER_ADDED_TOKENS} (the EOS a DPO trainer appends) rounded up to a multiple of ${EXACT_MULTIPLE}`,
  ];
  if (base !== undefined && base === counted && longest !== undefined) return exact(longest, `by ${baseModel}'s tokenizer and chat template (${base}), as the run counted them`);
  if (base !== undefined && splitFiles.length > 0) {
    let recounted = 0;
    for (const file of splitFiles) for (const n of (await countFileTokens(file, base)).counts) recounted = Math.max(recounted, n);
    return exact(recounted, `by ${baseModel}'s tokenizer and chat template (${base}), recounted at export (the run counted with ${counted ?? 'no tokenizer'})`);
  }
  if (longest === undefined) return [FALLBACK_SEQUENCE, 'no token counts in the manifest'];
  // Another tokenizer counts differently: a power of two above the run's count leaves headroom.
  return [
    Math.max(MIN_SEQUENCE, nextPowerOfTwo(longest)),
    `longest example ${longest} tokens by the run's tokenizer (${counted ?? 'unknown'}), rounded up to a power of two as headroom: tuneset ships no tokenizer for ${baseModel}, so check it`,
  ];
};

/** `splitFiles`: the run's split files, recounted when the base model's tokenizer is not the run's. */
export const exportSettings = async (manifest: Manifest, baseModel: string | undefined, splitFiles: readonly string[] = []): Promise<ExportSettings> => {
  const tokens = findReport(manifest, 'billedTokens') as unknown as TokenReport | undefined;
  const declared = numberAt(manifest.train, 'epochs');
  const resolved = tokens?.epochs?.resolved;
  const [epochs, epochsSource] =
    declared !== undefined
      ? [declared, 'the epochs declared with .train()']
      : typeof resolved === 'number'
        ? [resolved, "'auto' epochs as OpenAI would resolve them for this run"]
        : [FALLBACK_EPOCHS, 'no epochs in the manifest; 3 is a common start'];
  // --base-model, else the model the run was built for, else the marked placeholder.
  const fromTarget = baseModel === undefined ? targetBaseModel(manifest) : undefined;
  const chosen = baseModel ?? fromTarget ?? DEFAULT_BASE_MODEL;
  const [sequenceLength, sequenceSource] = await sequenceLengthFor(manifest, tokens, chosen, splitFiles);
  const batchSize = numberAt(manifest.train, 'batchSize');
  return {
    pipeline: manifest.pipeline,
    runId: manifest.runId,
    baseModel: chosen,
    baseModelIsPlaceholder: baseModel === undefined && fromTarget === undefined,
    ...(fromTarget !== undefined ? { baseModelTarget: `${manifest.provider ?? 'openai'}:${manifest.model}` } : {}),
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
