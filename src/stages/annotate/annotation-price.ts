import { z } from 'zod';
import type { ChatWireMessage } from '../../chat/chat-transport.js';
import { lookupModel, type Encoding } from '../../providers/openai/model-table.js';
import type { Json } from '../../pipeline/item.js';
import { countExampleTokens } from '../token-check/chat-tokens.js';
import { tiktokenEncoder, type TokenEncoder } from '../token-check/encoder.js';

export const priceOption = z
  .strictObject({
    inputPerMTokens: z.number().nonnegative(),
    outputPerMTokens: z.number().nonnegative(),
  })
  .optional()
  .describe("USD per 1M input and output tokens, for a model the model table does not price (a local server's is 0). Overrides the table.");

export const encodingOption = z
  .enum(['o200k_base', 'cl100k_base'])
  .optional()
  .describe("The tokenizer the estimate counts with, for a model the model table does not know (default o200k_base; then the estimate's input count is approximate).");

export interface AnnotationPrice {
  inputPerMTokens: number;
  outputPerMTokens: number;
  /** Where the price came from, for the estimate line and the manifest. */
  basis: string;
}

export interface ModelCosting {
  price: AnnotationPrice | null;
  encoding: Encoding;
  /** False when the model is not in the table and no encoding was given: counts are o200k_base's. */
  exactTokens: boolean;
}

/**
 * Prices and tokenizer for an annotation model, as data: the stage's `price`, else the model table
 * (with the pipeline's `models` overrides): a base model's inference price, a fine-tune's
 * fine-tuned price. A model the table does not know has no price.
 */
export const costingFor = (
  model: string,
  options: { price?: { inputPerMTokens: number; outputPerMTokens: number } | undefined; encoding?: Encoding | undefined },
  pipelineModels: Record<string, Json> | undefined,
): ModelCosting => {
  let info;
  try {
    info = lookupModel(model, pipelineModels);
  } catch {
    info = undefined;
  }
  const encoding = options.encoding ?? (info?.tokenizer as Encoding | undefined) ?? 'o200k_base';
  const exactTokens = options.encoding !== undefined || info !== undefined;
  if (options.price) return { price: { ...options.price, basis: 'the stage\'s price option' }, encoding, exactTokens };
  const fineTuned = model.startsWith('ft:');
  const input = fineTuned ? info?.fineTunedInputPricePerMTokens : info?.baseInputPricePerMTokens;
  const output = fineTuned ? info?.fineTunedOutputPricePerMTokens : info?.baseOutputPricePerMTokens;
  if (info === undefined || input == null || output == null) return { price: null, encoding, exactTokens };
  return { price: { inputPerMTokens: input, outputPerMTokens: output, basis: `${fineTuned ? 'fine-tuned ' : ''}${info.name} in the model table` }, encoding, exactTokens };
};

export const usd = (price: AnnotationPrice | null, inputTokens: number, outputTokens: number): number | null =>
  price === null ? null : (inputTokens * price.inputPerMTokens + outputTokens * price.outputPerMTokens) / 1_000_000;

/**
 * Input tokens of one request: its messages counted as chat messages are, plus the JSON schema's
 * text (structured outputs add the schema to the prompt; OpenAI does not publish how, so its JSON
 * text stands for it).
 */
export const requestInputTokens = (messages: readonly ChatWireMessage[], schemaText: string, enc: TokenEncoder, encoding: Encoding): number =>
  countExampleTokens({ messages: messages as never }, enc, encoding).total + schemaTokens(schemaText, enc);

// Every request of a stage carries the same schema, counted for the estimate and again before
// it is sent: counted once per encoder, the schema is not a second tiktoken pass per request.
const schemaCounts = new WeakMap<TokenEncoder, Map<string, number>>();
const schemaTokens = (schemaText: string, enc: TokenEncoder): number => {
  let counts = schemaCounts.get(enc);
  if (!counts) schemaCounts.set(enc, (counts = new Map()));
  let n = counts.get(schemaText);
  if (n === undefined) counts.set(schemaText, (n = enc.count(schemaText)));
  return n;
};

/**
 * The encoder is built on first count: building o200k_base takes about half a second, and a run
 * the cache answers whole counts nothing (the annotation bench's cached re-run spent most of its
 * time there).
 */
export const encoderFor = (encoding: Encoding): TokenEncoder => {
  let enc: TokenEncoder | undefined;
  return { count: (text) => (enc ??= tiktokenEncoder(encoding)).count(text) };
};
