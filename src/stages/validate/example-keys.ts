import { issue, type FormatIssue } from './categories.js';
import { extraKeys, type JsonObject } from './shape.js';

export const CHAT_KEYS = ['messages', 'tools', 'parallel_tool_calls', 'functions'] as const;
export const PREFERENCE_KEYS = ['input', 'preferred_output', 'non_preferred_output'] as const;
export const PREFERENCE_INPUT_KEYS = ['messages', 'tools', 'parallel_tool_calls'] as const;

// Keys of formats this validator does not take, named so the message says what to do instead.
const HINTS: Record<string, string> = {
  prompt: 'the prompt/completion format is for babbage-002 and davinci-002 only',
  completion: 'the prompt/completion format is for babbage-002 and davinci-002 only',
  preferred_completion: 'the DPO key is now "preferred_output"',
  non_preferred_completion: 'the DPO key is now "non_preferred_output"',
};

/**
 * Keys OpenAI does not take. The API's own tolerance of extra keys is undocumented; we reject them
 * because the written line must hold exactly OpenAI's fields (design.md, "Records"): an extra key
 * is metadata that leaked out of `meta`.
 */
export const checkExampleKeys = (obj: JsonObject, allowed: readonly string[], prefix = ''): FormatIssue[] =>
  extraKeys(obj, allowed).map((key) =>
    // Own hints only: a line's "constructor" or "__proto__" key must not print what Object inherits.
    issue('unrecognized_example_key', `unrecognized key "${key}"${Object.hasOwn(HINTS, key) ? `: ${HINTS[key]}` : ''}`, `${prefix}${key}`),
  );

/** True when the object is meant as a DPO line: it has a preference key and no `messages`. */
export const looksLikePreference = (obj: JsonObject): boolean =>
  !('messages' in obj) && [...PREFERENCE_KEYS, 'preferred_completion', 'non_preferred_completion'].some((k) => k in obj);
