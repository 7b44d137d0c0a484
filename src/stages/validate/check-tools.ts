import { issue, type FormatIssue } from './categories.js';
import type { ExampleContext } from './context.js';
import { extraKeys, isObject, kindOf, quoteList, type JsonObject } from './shape.js';

// The Chat Completions rule for function names; a name the API would refuse cannot be trained on.
const FUNCTION_NAME = /^[a-zA-Z0-9_-]{1,64}$/;
const MAX_FUNCTIONS = 128;

type Declared = Pick<ExampleContext, 'toolNames' | 'functionNames' | 'parallelToolCalls'>;

/** `{name, description?, parameters?, strict?}`, the body of a tool or a deprecated function. */
const checkFunction = (fn: unknown, path: string, allowed: readonly string[], names: Set<string>): FormatIssue[] => {
  if (!isObject(fn)) return [issue('invalid_tools', `function definition must be an object, got ${kindOf(fn)}`, path)];
  const issues: FormatIssue[] = [];
  const extra = extraKeys(fn, allowed);
  if (extra.length > 0) issues.push(issue('invalid_tools', `function definition has unrecognized key(s) ${quoteList(extra)}`, path));
  const name = fn['name'];
  if (typeof name !== 'string' || !FUNCTION_NAME.test(name)) {
    issues.push(issue('invalid_tools', `function name must match ${FUNCTION_NAME.source}, got ${JSON.stringify(name)}`, `${path}.name`));
  } else if (names.has(name)) {
    issues.push(issue('invalid_tools', `function "${name}" is declared twice`, `${path}.name`));
  } else {
    names.add(name);
  }
  if ('description' in fn && typeof fn['description'] !== 'string') issues.push(issue('invalid_tools', 'description must be a string', `${path}.description`));
  if ('parameters' in fn && !isObject(fn['parameters'])) issues.push(issue('invalid_tools', 'parameters must be a JSON Schema object', `${path}.parameters`));
  if ('strict' in fn && typeof fn['strict'] !== 'boolean') issues.push(issue('invalid_tools', 'strict must be a boolean', `${path}.strict`));
  return issues;
};

const checkToolList = (tools: unknown, path: string, names: Set<string>): FormatIssue[] => {
  // An empty list is accepted: OpenAI's own DPO example sends `"tools": []`.
  if (!Array.isArray(tools)) return [issue('invalid_tools', `tools must be an array, got ${kindOf(tools)}`, path)];
  return tools.flatMap((tool, i) => {
    const at = `${path}[${i}]`;
    if (!isObject(tool)) return [issue('invalid_tools', `tool must be an object, got ${kindOf(tool)}`, at)];
    const extra = extraKeys(tool, ['type', 'function']);
    if (extra.length > 0) return [issue('invalid_tools', `tool has unrecognized key(s) ${quoteList(extra)}`, at)];
    if (tool['type'] !== 'function') return [issue('invalid_tools', `tool type must be "function", got ${JSON.stringify(tool['type'])}`, `${at}.type`)];
    return checkFunction(tool['function'], `${at}.function`, ['name', 'description', 'parameters', 'strict'], names);
  });
};

const checkFunctionList = (functions: unknown, path: string, names: Set<string>): FormatIssue[] => {
  if (!Array.isArray(functions) || functions.length === 0 || functions.length > MAX_FUNCTIONS) {
    return [issue('invalid_tools', `functions must be an array of 1 to ${MAX_FUNCTIONS} definitions`, path)];
  }
  return functions.flatMap((fn, i) => checkFunction(fn, `${path}[${i}]`, ['name', 'description', 'parameters'], names));
};

/**
 * Top-level `tools`, deprecated `functions` and `parallel_tool_calls` of an SFT example or a DPO
 * `input`; returns the declared names so tool calls can be checked against them.
 */
export const checkDeclarations = (obj: JsonObject, prefix: string): { issues: FormatIssue[]; declared: Declared } => {
  const issues: FormatIssue[] = [];
  const toolNames = new Set<string>();
  const functionNames = new Set<string>();
  if ('tools' in obj) issues.push(...checkToolList(obj['tools'], `${prefix}tools`, toolNames));
  if ('functions' in obj) issues.push(...checkFunctionList(obj['functions'], `${prefix}functions`, functionNames));
  const parallel = obj['parallel_tool_calls'];
  if ('parallel_tool_calls' in obj && typeof parallel !== 'boolean') {
    issues.push(issue('invalid_tools', `parallel_tool_calls must be a boolean, got ${kindOf(parallel)}`, `${prefix}parallel_tool_calls`));
  }
  return {
    issues,
    declared: {
      // Without a declaration we cannot tell a call's name is wrong, so names go unchecked.
      toolNames: 'tools' in obj ? toolNames : undefined,
      functionNames: 'functions' in obj ? functionNames : undefined,
      parallelToolCalls: parallel !== false,
    },
  };
};
