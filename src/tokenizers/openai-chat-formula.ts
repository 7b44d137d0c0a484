import type { TiktokenEncoding as Encoding } from './tiktoken-encoder.js';
import { isPreferenceExample, type ChatExample, type ChatMessage, type ContentPart, type TrainingExample } from '../stages/format/chat-example.js';
import type { TokenEncoder } from './tiktoken-encoder.js';
import { countTools } from './openai-tool-formula.js';

/**
 * Tokens of one training line, by the cookbook's chat formula (openai-api.md §3.6), which matched the
 * API's usage.prompt_tokens for gpt-3.5-turbo-0125, gpt-4-0613, gpt-4o and gpt-4o-mini:
 *
 *   tokens = Σ_messages (3 + tokens(role) + tokens(content) + tokens(name) + 1 if name) + 3
 *
 * 3 per message is the `<|im_start|>role<|im_sep|>…<|im_end|>` framing, 3 at the end the reply
 * priming. A training example is billed and truncated as a whole, so every message counts,
 * including assistant messages with weight 0 (they are processed, just not learned from).
 */
const PER_MESSAGE = 3;
const PER_NAME = 1;
const REPLY_PRIMING = 3;

/**
 * Images cost a fixed number of tokens that depends on their size, which we do not fetch.
 * `low` is documented as 85. `high`/`auto` use the largest possible cost at high detail: the image is
 * fitted in 2048×2048 and its short side scaled to 768, so at most 2×4 tiles of 512 px, at 170 each
 * plus the base 85 = 1,445. An upper bound, so an example we accept is never truncated for images.
 */
export const IMAGE_TOKENS = { low: 85, high: 1445, auto: 1445 } as const;

export interface ExampleTokens {
  /** Every token of the line: what counts against the limit and is billed. */
  total: number;
  /** Tokens the model learns from: the text of assistant messages not weighted 0 (content, refusal, tool calls). */
  assistant: number;
}

const countContent = (content: string | ContentPart[] | null | undefined, enc: TokenEncoder): number => {
  if (typeof content === 'string') return enc.count(content);
  if (!Array.isArray(content)) return 0;
  let n = 0;
  for (const part of content) {
    if (part.type === 'text') n += enc.count(part.text);
    else if (part.type === 'image_url') n += IMAGE_TOKENS[part.image_url?.detail ?? 'auto'] ?? IMAGE_TOKENS.auto;
  }
  return n;
};

/**
 * Tool calls are counted as their function name plus their JSON arguments. Call ids (and a tool
 * message's `tool_call_id`) only route results, and `weight` is a training flag: neither is text.
 */
const countMessage = (m: ChatMessage, enc: TokenEncoder): ExampleTokens => {
  const role = enc.count(m.role);
  let output = countContent(m.content, enc);
  if (typeof m.refusal === 'string') output += enc.count(m.refusal);
  for (const call of m.tool_calls ?? []) output += enc.count(call.function.name) + enc.count(call.function.arguments);
  if (m.function_call) output += enc.count(m.function_call.name) + enc.count(m.function_call.arguments);
  let total = PER_MESSAGE + role + output;
  if (typeof m.name === 'string') total += enc.count(m.name) + PER_NAME;
  return { total, assistant: m.role === 'assistant' && m.weight !== 0 ? output : 0 };
};

const sumMessages = (messages: readonly ChatMessage[], enc: TokenEncoder): ExampleTokens => {
  const sum = { total: 0, assistant: 0 };
  for (const m of messages) {
    const t = countMessage(m, enc);
    sum.total += t.total;
    sum.assistant += t.assistant;
  }
  return sum;
};

const countChat = (example: ChatExample, enc: TokenEncoder, encoding: Encoding): ExampleTokens => {
  const messages = sumMessages(example.messages, enc);
  return { total: messages.total + REPLY_PRIMING + countTools(example.tools, enc, encoding), assistant: messages.assistant };
};

/**
 * A DPO line trains on two sequences, the input followed by each output. Each must fit the limit, so
 * the total is the input plus the longer output (the formula applied to input + that output); a
 * preferred-only count would let a long rejected answer be truncated unseen. Assistant tokens are
 * those of the preferred output, the behaviour being taught.
 */
export const countExampleTokens = (example: TrainingExample, enc: TokenEncoder, encoding: Encoding): ExampleTokens => {
  if (!isPreferenceExample(example)) return countChat(example, enc, encoding);
  const input = countChat(example.input, enc, encoding);
  const preferred = sumMessages(example.preferred_output, enc);
  const rejected = sumMessages(example.non_preferred_output, enc);
  return { total: input.total + Math.max(preferred.total, rejected.total), assistant: preferred.assistant };
};

/** Every string countExampleTokens would encode, in the order it encodes them: what the hostile-input check inspects. */
export const exampleTexts = (example: TrainingExample, encoding: Encoding): string[] => {
  const texts: string[] = [];
  countExampleTokens(example, { count: (text) => (texts.push(text), 0) }, encoding);
  return texts;
};
