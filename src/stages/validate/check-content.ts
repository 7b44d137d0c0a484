import { issue, type FormatIssue } from './categories.js';
import { checkImagePart } from './check-image.js';
import type { ExampleContext } from './context.js';
import { extraKeys, isObject, kindOf, quoteList, type JsonObject } from './shape.js';

export type Role = 'system' | 'user' | 'assistant' | 'tool' | 'function';

// Roles whose content may be an array of parts; `function` (deprecated) takes a plain string.
const PART_ROLES: readonly Role[] = ['system', 'user', 'assistant', 'tool'];

const checkPart = (part: unknown, role: Role, path: string, ctx: ExampleContext): FormatIssue[] => {
  if (!isObject(part)) return [issue('missing_content', `content part must be an object, got ${kindOf(part)}`, path)];
  if (part['type'] === 'text') {
    const extra = extraKeys(part, ['type', 'text']);
    if (extra.length > 0) return [issue('message_unrecognized_key', `text part has unrecognized key(s) ${quoteList(extra)}`, path)];
    if (typeof part['text'] !== 'string' || part['text'] === '') return [issue('missing_content', 'text part has no text', `${path}.text`)];
    return [];
  }
  if (part['type'] === 'image_url') {
    ctx.images++;
    // DPO is text only (DPO guide), so an image there is a preference defect, not an image defect.
    if (ctx.mode === 'preference') return [issue('invalid_preference', 'preference examples are text only; images are not supported', path)];
    if (role !== 'user') return [issue('invalid_image', `images are allowed only in user messages, not ${role}`, path)];
    return checkImagePart(part, path);
  }
  return [issue('missing_content', `content part type ${JSON.stringify(part['type'])} is not supported for fine-tuning (text or image_url)`, `${path}.type`)];
};

/**
 * `content` of a message whose role is known. An assistant message that carries tool_calls or
 * function_call may omit it or set it to null (openai-api.md §3.1); every other message needs text.
 */
export const checkContent = (msg: JsonObject, role: Role, path: string, ctx: ExampleContext): FormatIssue[] => {
  const callsInstead = role === 'assistant' && ('tool_calls' in msg || 'function_call' in msg);
  const contentPath = `${path}.content`;
  if (!('content' in msg)) return callsInstead ? [] : [issue('message_missing_key', `${role} message has no content`, path)];
  const content = msg['content'];
  if (content === null || content === '') {
    return callsInstead ? [] : [issue('missing_content', `${role} message content is ${content === null ? 'null' : 'empty'}`, contentPath)];
  }
  if (typeof content === 'string') return [];
  if (!Array.isArray(content) || !PART_ROLES.includes(role)) {
    const expected = PART_ROLES.includes(role) ? 'a string or an array of content parts' : 'a string';
    return [issue('missing_content', `${role} message content must be ${expected}, got ${kindOf(content)}`, contentPath)];
  }
  if (content.length === 0) return [issue('missing_content', `${role} message content is an empty array`, contentPath)];
  return content.flatMap((part, i) => checkPart(part, role, `${contentPath}[${i}]`, ctx));
};
