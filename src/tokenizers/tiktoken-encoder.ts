import { get_encoding, type Tiktoken } from 'tiktoken';

/** OpenAI's tiktoken encodings that models are counted with (o200k_base: the gpt-4o family; cl100k_base: gpt-3.5/gpt-4). */
export type TiktokenEncoding = 'o200k_base' | 'cl100k_base';
type Encoding = TiktokenEncoding;

/** Counts the tokens of one string. Everything that counts takes this, so tests can inject a spy. */
export interface TokenEncoder {
  count(text: string): number;
}

/**
 * One WASM encoder per encoding for the whole process, created on first use: building one parses
 * the BPE ranks (tens of milliseconds, several MB), and encoders are stateless between calls.
 * They are never freed; a CLI process uses at most two.
 */
const encoders = new Map<Encoding, Tiktoken>();

export const tiktokenFor = (encoding: Encoding): Tiktoken => {
  let enc = encoders.get(encoding);
  if (!enc) encoders.set(encoding, (enc = get_encoding(encoding)));
  return enc;
};

/**
 * The exact tiktoken count. `encode_ordinary` treats text that looks like a special token
 * (`<|endoftext|>`) as plain text: `encode` would throw on it, and data may legitimately contain
 * such strings (documentation about tokenizers), which the API also treats as text.
 */
export const tiktokenEncoder = (encoding: Encoding): TokenEncoder => {
  const enc = tiktokenFor(encoding);
  return { count: (text) => (text.length === 0 ? 0 : enc.encode_ordinary(text).length) };
};
