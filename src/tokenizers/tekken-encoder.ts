import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { Tiktoken } from 'tiktoken';
import type { TokenEncoder } from './tiktoken-encoder.js';

/**
 * Mistral's tekken tokenizer: a tiktoken byte-level BPE with its own split pattern. The ranks are
 * mistral-common's tekken_240718.json (Mistral NeMo, Ministral 8B 2410; the "v3" tekken) cut to its
 * default vocabulary (131,072 minus 1,000 special tokens, as mistral-common's Tekkenizer does) and
 * written in tiktoken's "base64 rank" form, gzipped: ./data/README.md says how, and its license.
 * Text is encoded as mistral-common does, with no special token recognised inside it.
 */
export const TEKKEN_PATTERN = String.raw`[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+|[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+`;

/** One WASM encoder per vocabulary file for the process (parsing the ranks takes about a second). */
const encoders = new Map<string, Tiktoken>();

export const tekkenEncoder = (vocabFile: string): TokenEncoder => {
  let enc = encoders.get(vocabFile);
  if (!enc) {
    const ranks = gunzipSync(readFileSync(new URL(`./data/${vocabFile}`, import.meta.url))).toString('utf8');
    encoders.set(vocabFile, (enc = new Tiktoken(ranks, {}, TEKKEN_PATTERN)));
  }
  const tiktoken = enc;
  return { count: (text) => (text.length === 0 ? 0 : tiktoken.encode_ordinary(text).length) };
};
