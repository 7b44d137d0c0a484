import { issue, type FormatIssue } from './categories.js';
import { checkMessage, checkMessages } from './check-message.js';
import { checkToolSequence } from './check-tool-sequence.js';
import { checkDeclarations } from './check-tools.js';
import { newContext, type ExampleContext } from './context.js';
import { checkExampleKeys, PREFERENCE_INPUT_KEYS, PREFERENCE_KEYS } from './example-keys.js';
import { isObject, kindOf, type JsonObject } from './shape.js';

const OUTPUTS = ['preferred_output', 'non_preferred_output'] as const;

/** One output: exactly one text-only assistant message (DPO guide; openai-api.md §3.3). */
const checkOutput = (value: unknown, key: string, ctx: ExampleContext): FormatIssue[] => {
  if (value === undefined) return [issue('invalid_preference', `${key} is missing`, key)];
  if (!Array.isArray(value)) return [issue('invalid_preference', `${key} must be an array holding one assistant message, got ${kindOf(value)}`, key)];
  if (value.length !== 1) return [issue('invalid_preference', `${key} must hold exactly one assistant message, got ${value.length}`, key)];
  const msg: unknown = value[0];
  const path = `${key}[0]`;
  if (isObject(msg) && 'role' in msg && msg['role'] !== 'assistant') {
    return [issue('invalid_preference', `${path} must be an assistant message, got role ${JSON.stringify(msg['role'])}`, `${path}.role`)];
  }
  const issues = checkMessage(msg, path, ctx);
  if (isObject(msg) && ('tool_calls' in msg || 'function_call' in msg)) {
    issues.push(issue('invalid_preference', 'preference outputs are text only: no tool_calls or function_call', path));
  }
  return issues;
};

/** The preferred and non-preferred answers must differ, or the pair teaches nothing. */
const checkDistinct = (obj: JsonObject): FormatIssue[] => {
  const [a, b] = OUTPUTS.map((k) => obj[k]);
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== 1 || b.length !== 1) return [];
  const content = (v: unknown) => JSON.stringify(isObject(v) ? v['content'] : undefined);
  return content(a[0]) === content(b[0]) ? [issue('invalid_preference', 'preferred_output and non_preferred_output have the same content')] : [];
};

const checkInput = (input: unknown): { issues: FormatIssue[]; ctx: ExampleContext } => {
  if (!isObject(input)) {
    const ctx = newContext('preference', { toolNames: undefined, functionNames: undefined, parallelToolCalls: true });
    const message = input === undefined ? 'input is missing' : `input must be an object with messages, got ${kindOf(input)}`;
    return { issues: [issue('invalid_preference', message, 'input')], ctx };
  }
  const { issues: declared, declared: names } = checkDeclarations(input, 'input.');
  const ctx = newContext('preference', names);
  const messages = input['messages'];
  const issues = checkMessages(messages, 'input.messages', ctx);
  if (Array.isArray(messages) && messages.length > 0) {
    issues.push(...checkToolSequence(messages, 'input.messages'));
    const last: unknown = messages.at(-1);
    // The outputs are the final assistant turn, so the input must stop before one.
    if (isObject(last) && last['role'] === 'assistant') {
      const at = `input.messages[${messages.length - 1}]`;
      issues.push(issue('invalid_preference', 'input ends with an assistant message; the outputs must be the final assistant turn', at));
    }
  }
  return { issues: [...issues, ...declared, ...checkExampleKeys(input, PREFERENCE_INPUT_KEYS, 'input.')], ctx };
};

/** All rules for a DPO line `{input, preferred_output, non_preferred_output}`. */
export const checkPreference = (obj: JsonObject): FormatIssue[] => {
  const { issues, ctx } = checkInput(obj['input']);
  for (const key of OUTPUTS) issues.push(...checkOutput(obj[key], key, ctx));
  issues.push(...checkDistinct(obj));
  issues.push(...checkExampleKeys(obj, PREFERENCE_KEYS));
  return issues;
};
