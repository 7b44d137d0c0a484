import { issue, type FormatIssue } from './categories.js';
import { MAX_IMAGES_PER_EXAMPLE } from './check-image.js';
import { checkMessages } from './check-message.js';
import { checkPreference } from './check-preference.js';
import { checkToolSequence } from './check-tool-sequence.js';
import { checkDeclarations } from './check-tools.js';
import { newContext } from './context.js';
import { CHAT_KEYS, checkExampleKeys, looksLikePreference } from './example-keys.js';
import { isObject, kindOf, type JsonObject } from './shape.js';

export type ExampleFormat = 'chat' | 'preference';

/** Which format a parsed line is meant as; undefined when it is not an object at all. */
export const exampleFormat = (value: unknown): ExampleFormat | undefined =>
  isObject(value) ? (looksLikePreference(value) ? 'preference' : 'chat') : undefined;

/** Training needs an assistant message whose loss counts: one without `weight: 0`. */
const checkAssistant = (messages: readonly unknown[]): FormatIssue[] => {
  const assistants = messages.filter((m) => isObject(m) && m['role'] === 'assistant') as JsonObject[];
  if (assistants.length === 0) return [issue('example_missing_assistant_message', 'example has no assistant message')];
  if (assistants.every((m) => m['weight'] === 0)) {
    return [issue('example_missing_assistant_message', 'every assistant message has weight 0, so the example trains nothing')];
  }
  return [];
};

const checkChat = (obj: JsonObject): FormatIssue[] => {
  const { issues: declared, declared: names } = checkDeclarations(obj, '');
  const ctx = newContext('sft', names);
  const messages = obj['messages'];
  const issues = checkMessages(messages, 'messages', ctx);
  if (Array.isArray(messages) && messages.length > 0) {
    issues.push(...checkToolSequence(messages, 'messages'), ...checkAssistant(messages));
  }
  if (ctx.images > MAX_IMAGES_PER_EXAMPLE) {
    issues.push(issue('invalid_image', `example has ${ctx.images} images; OpenAI allows at most ${MAX_IMAGES_PER_EXAMPLE}`));
  }
  return [...issues, ...declared, ...checkExampleKeys(obj, CHAT_KEYS)];
};

/**
 * Every format issue of one training line, as parsed JSON: SFT (`messages`) or DPO (`input` +
 * outputs). Issues come most fundamental first (messages before declarations before extra keys),
 * so the first one is the best single reason to drop the example. Empty means OpenAI should accept it.
 */
export const checkExample = (value: unknown): FormatIssue[] => {
  if (!isObject(value)) return [issue('data_type', `example must be a JSON object, got ${kindOf(value)}`)];
  return looksLikePreference(value) ? checkPreference(value) : checkChat(value);
};
