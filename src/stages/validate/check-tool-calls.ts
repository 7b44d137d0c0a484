import { issue, type FormatIssue } from './categories.js';
import type { ExampleContext } from './context.js';
import { extraKeys, isNonEmptyString, isObject, kindOf, quoteList, type JsonObject } from './shape.js';

/** `arguments` is what the model will be trained to emit, so it must be the JSON-object string the API sends. */
const checkArguments = (args: unknown, path: string): FormatIssue[] => {
  if (typeof args !== 'string') return [issue('invalid_tool_call', `arguments must be a JSON-encoded string, got ${kindOf(args)}`, path)];
  let parsed: unknown;
  try {
    parsed = JSON.parse(args);
  } catch {
    return [issue('invalid_tool_call', 'arguments is not valid JSON', path)];
  }
  return isObject(parsed) ? [] : [issue('invalid_tool_call', `arguments must encode a JSON object, got ${kindOf(parsed)}`, path)];
};

/** `{name, arguments}`, inside a tool call or as the deprecated `function_call`. */
const checkCalledFunction = (fn: unknown, path: string, declared: ReadonlySet<string> | undefined): FormatIssue[] => {
  if (!isObject(fn)) return [issue('invalid_tool_call', `function must be an object with name and arguments, got ${kindOf(fn)}`, path)];
  const issues: FormatIssue[] = [];
  const extra = extraKeys(fn, ['name', 'arguments']);
  if (extra.length > 0) issues.push(issue('invalid_tool_call', `function has unrecognized key(s) ${quoteList(extra)}`, path));
  const name = fn['name'];
  if (!isNonEmptyString(name)) issues.push(issue('invalid_tool_call', 'function name must be a non-empty string', `${path}.name`));
  else if (declared && !declared.has(name)) {
    issues.push(issue('invalid_tool_call', `function "${name}" is not declared by the example's tools`, `${path}.name`));
  }
  issues.push(...checkArguments(fn['arguments'], `${path}.arguments`));
  return issues;
};

const checkOneCall = (call: unknown, path: string, ctx: ExampleContext): FormatIssue[] => {
  if (!isObject(call)) return [issue('invalid_tool_call', `tool call must be an object, got ${kindOf(call)}`, path)];
  const issues: FormatIssue[] = [];
  const extra = extraKeys(call, ['id', 'type', 'function']);
  if (extra.length > 0) issues.push(issue('invalid_tool_call', `tool call has unrecognized key(s) ${quoteList(extra)}`, path));
  const id = call['id'];
  if (!isNonEmptyString(id)) issues.push(issue('invalid_tool_call', 'tool call id must be a non-empty string', `${path}.id`));
  else if (ctx.callIds.has(id)) issues.push(issue('invalid_tool_call', `tool call id "${id}" is used twice in the example`, `${path}.id`));
  else ctx.callIds.add(id);
  if (call['type'] !== 'function') {
    issues.push(issue('invalid_tool_call', `tool call type must be "function", got ${JSON.stringify(call['type'])}`, `${path}.type`));
  }
  issues.push(...checkCalledFunction(call['function'], `${path}.function`, ctx.toolNames));
  return issues;
};

/** `tool_calls` and the deprecated `function_call` of one assistant message. */
export const checkCalls = (msg: JsonObject, path: string, ctx: ExampleContext): FormatIssue[] => {
  const issues: FormatIssue[] = [];
  if ('tool_calls' in msg && 'function_call' in msg) {
    issues.push(issue('invalid_tool_call', 'an assistant message takes tool_calls or the deprecated function_call, not both', path));
  }
  if ('function_call' in msg) issues.push(...checkCalledFunction(msg['function_call'], `${path}.function_call`, ctx.functionNames));
  if (!('tool_calls' in msg)) return issues;
  const calls = msg['tool_calls'];
  if (!Array.isArray(calls) || calls.length === 0) {
    const got = Array.isArray(calls) ? 'an empty array' : kindOf(calls);
    return [...issues, issue('invalid_tool_call', `tool_calls must be a non-empty array, got ${got}`, `${path}.tool_calls`)];
  }
  if (!ctx.parallelToolCalls && calls.length > 1) {
    issues.push(issue('invalid_tool_call', `parallel_tool_calls is false but the message makes ${calls.length} tool calls`, `${path}.tool_calls`));
  }
  calls.forEach((call, i) => issues.push(...checkOneCall(call, `${path}.tool_calls[${i}]`, ctx)));
  return issues;
};
