import { sha256 } from './hash.js';
import { isRecord } from './item.js';

/**
 * What a model is shown before it answers: for a chat line every message but the trailing
 * assistant answer(s), for a DPO line `input.messages`, for anything else the whole record. Tools
 * and other settings are left out on purpose: the same conversation with another tool list is
 * still the same question seen twice. The same prompt on both sides of a split is leakage even when
 * the answers differ (the same AR-LSAT question, passage and options in train and validation).
 */
export const promptSide = (data: unknown): unknown => {
  if (!isRecord(data)) return data;
  if (isRecord(data['input']) && Array.isArray(data['input']['messages'])) return data['input']['messages'];
  const messages = data['messages'];
  if (!Array.isArray(messages)) return data;
  let end = messages.length;
  while (end > 0 && isRecord(messages[end - 1]) && (messages[end - 1] as Record<string, unknown>)['role'] === 'assistant') end--;
  return messages.slice(0, end);
};

// JSON escapes of whitespace (\n, \t, \r) and real whitespace, folded to one space.
const JSON_SPACE = /(?:\s|\\[nrt])+/g;

/**
 * Identity of a record's prompt side: sha256 of its JSON, case-folded and with whitespace runs
 * collapsed, so a copy that differs only in case or line wrapping is the same prompt. 96 bits as
 * base64: a false match is out of reach (~1e-19 at a million records), which matters because a
 * match fails the run.
 */
export const promptKey = (data: unknown): string =>
  // The first 16 base64 digits are exactly the first 12 bytes (12 is a multiple of 3).
  sha256(JSON.stringify(promptSide(data)).toLowerCase().replace(JSON_SPACE, ' '), 'base64').slice(0, 16);

const EXCERPT_CHARS = 40;

/**
 * A short, readable name for a prompt in an error: the text of its last message, its start and its
 * end when long (a logic game's user message starts with the passage and ends with the question).
 */
export const promptExcerpt = (data: unknown): string => {
  const side = promptSide(data);
  const last = Array.isArray(side) ? side[side.length - 1] : side;
  const content = isRecord(last) && 'content' in last ? last['content'] : last;
  const text = (typeof content === 'string' ? content : JSON.stringify(content) ?? '').replace(/\s+/g, ' ').trim();
  return text.length > 2 * EXCERPT_CHARS + 5 ? `${text.slice(0, EXCERPT_CHARS)} ... ${text.slice(-EXCERPT_CHARS)}` : text;
};
