import { issue, type FormatIssue } from './categories.js';
import { checkContent, type Role } from './check-content.js';
import { checkCalls } from './check-tool-calls.js';
import type { ExampleContext } from './context.js';
import { extraKeys, isNonEmptyString, isObject, kindOf, quoteList, type JsonObject } from './shape.js';

/**
 * The keys each role takes in a training line (openai-api.md §3.1). `weight` is absent on purpose:
 * on the wrong message it gets its own category (`invalid_weight`) rather than an unknown-key error.
 */
const ROLE_KEYS: Record<Role, readonly string[]> = {
  system: ['role', 'content', 'name'],
  user: ['role', 'content', 'name'],
  assistant: ['role', 'content', 'name', 'tool_calls', 'function_call', 'refusal'],
  tool: ['role', 'content', 'tool_call_id'],
  function: ['role', 'content', 'name'],
};

const isRole = (role: unknown): role is Role => typeof role === 'string' && Object.hasOwn(ROLE_KEYS, role);

const roleIssue = (role: unknown, path: string): FormatIssue =>
  role === 'developer'
    ? // §3.1: only the reinforcement fine-tuning schema takes `developer`; SFT and DPO take `system`.
      issue('unrecognized_role', 'role "developer" is accepted only for reinforcement fine-tuning; use "system"', `${path}.role`)
    : issue('unrecognized_role', `role ${JSON.stringify(role)} is not one of system, user, assistant, tool, function`, `${path}.role`);

const checkWeight = (msg: JsonObject, role: Role, path: string, ctx: ExampleContext): FormatIssue[] => {
  if (!('weight' in msg)) return [];
  const at = `${path}.weight`;
  if (ctx.mode === 'preference') return [issue('invalid_weight', 'weight applies only to supervised (messages) examples, not preference examples', at)];
  if (role !== 'assistant') return [issue('invalid_weight', `weight is allowed only on assistant messages, not ${role}`, at)];
  const w = msg['weight'];
  return w === 0 || w === 1 ? [] : [issue('invalid_weight', `weight must be 0 or 1, got ${JSON.stringify(w)}`, at)];
};

const checkFields = (msg: JsonObject, role: Role, path: string): FormatIssue[] => {
  const issues: FormatIssue[] = [];
  if (role === 'function' && !('name' in msg)) issues.push(issue('message_missing_key', 'function message has no name', path));
  if (role === 'tool' && !('tool_call_id' in msg)) issues.push(issue('message_missing_key', 'tool message has no tool_call_id', path));
  if ('name' in msg && !isNonEmptyString(msg['name'])) {
    issues.push(issue('invalid_field', `name must be a non-empty string, got ${kindOf(msg['name'])}`, `${path}.name`));
  }
  if ('tool_call_id' in msg && role === 'tool' && !isNonEmptyString(msg['tool_call_id'])) {
    issues.push(issue('invalid_field', `tool_call_id must be a non-empty string, got ${kindOf(msg['tool_call_id'])}`, `${path}.tool_call_id`));
  }
  if ('refusal' in msg && msg['refusal'] !== null && typeof msg['refusal'] !== 'string') {
    issues.push(issue('invalid_field', `refusal must be a string or null, got ${kindOf(msg['refusal'])}`, `${path}.refusal`));
  }
  return issues;
};

/** All rules for one message; `path` locates it (`messages[3]`, `preferred_output[0]`). */
export const checkMessage = (msg: unknown, path: string, ctx: ExampleContext): FormatIssue[] => {
  if (!isObject(msg)) return [issue('data_type', `message must be a JSON object, got ${kindOf(msg)}`, path)];
  if (!('role' in msg)) {
    const alsoContent = 'content' in msg ? '' : ' and no content';
    return [issue('message_missing_key', `message has no role${alsoContent}`, path)];
  }
  const role = msg['role'];
  if (!isRole(role)) {
    const issues = [roleIssue(role, path)];
    if (!('content' in msg)) issues.push(issue('message_missing_key', 'message has no content', path));
    return issues;
  }
  const issues: FormatIssue[] = [];
  const extra = extraKeys(msg, [...ROLE_KEYS[role], 'weight']);
  if (extra.length > 0) issues.push(issue('message_unrecognized_key', `${role} message has unrecognized key(s) ${quoteList(extra)}`, path));
  issues.push(...checkContent(msg, role, path, ctx));
  issues.push(...checkFields(msg, role, path));
  issues.push(...checkWeight(msg, role, path, ctx));
  if (role === 'assistant') issues.push(...checkCalls(msg, path, ctx));
  return issues;
};

/** `messages` (or DPO `input.messages`): present, a non-empty array, each message valid. */
export const checkMessages = (messages: unknown, path: string, ctx: ExampleContext): FormatIssue[] => {
  if (messages === undefined) return [issue('missing_messages_list', `${path} is missing`, path)];
  if (!Array.isArray(messages)) return [issue('missing_messages_list', `${path} must be an array, got ${kindOf(messages)}`, path)];
  if (messages.length === 0) return [issue('missing_messages_list', `${path} is empty`, path)];
  return messages.flatMap((m, i) => checkMessage(m, `${path}[${i}]`, ctx));
};
