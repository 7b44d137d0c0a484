import { pieceCounter } from './piece-counter.js';
import { specialSplitEncoder } from './special-split.js';
import type { TokenEncoder } from './tiktoken-encoder.js';

/**
 * The special tokens of o200k_harmony that openai/gpt-oss-20b's tokenizer.json lists as added
 * tokens (ids 199998-200018): tiktoken's o200k_harmony defines the same strings over o200k_base.
 * Like the Hugging Face tokenizer (and tiktoken with every special allowed), each occurrence in the
 * text is one token, wherever it comes from.
 */
export const HARMONY_SPECIAL_TOKENS = [
  '<|startoftext|>', '<|endoftext|>', '<|reserved_200000|>', '<|reserved_200001|>', '<|return|>', '<|constrain|>',
  '<|reserved_200004|>', '<|channel|>', '<|start|>', '<|end|>', '<|message|>', '<|reserved_200009|>',
  '<|reserved_200010|>', '<|reserved_200011|>', '<|call|>', '<|reserved_200013|>', '<|reserved_200014|>',
  '<|reserved_200015|>', '<|reserved_200016|>', '<|reserved_200017|>', '<|endofprompt|>',
] as const;

/**
 * o200k_harmony without a 200 MB tokenizer package: specials counted 1 each, the text between by
 * o200k_base's encode_ordinary, piece by piece (piece-counter.ts: the same counts, the rendered
 * conversation's words and repeated turns mostly from its cache).
 */
export const harmonyEncoder = (): TokenEncoder => specialSplitEncoder(HARMONY_SPECIAL_TOKENS, pieceCounter('o200k_base'));
