import { isRecord } from '../pipeline/item.js';
import type { TiktokenEncoding as Encoding } from './tiktoken-encoder.js';
import type { ToolDefinition } from '../stages/format/chat-example.js';
import type { TokenEncoder } from './tiktoken-encoder.js';

/**
 * Tokens taken by `tools` definitions: the cookbook's heuristic (How_to_count_tokens_with_tiktoken,
 * "Counting tokens for chat completions with tool calls"), which matched the API's prompt_tokens for
 * its example (101 on gpt-4o, 105 on gpt-3.5-turbo/gpt-4). The per-function start differs by model
 * family; o200k_base models are the gpt-4o family, cl100k_base ones gpt-3.5/gpt-4. Like the
 * cookbook, only top-level properties are counted: nested object schemas are under-counted.
 */
const OVERHEAD: Record<Encoding, { funcInit: number }> = {
  o200k_base: { funcInit: 7 },
  cl100k_base: { funcInit: 10 },
};
const PROP_INIT = 3;
const PROP_KEY = 3;
const ENUM_INIT = -3;
const ENUM_ITEM = 3;
const FUNC_END = 12;

const withoutFinalDot = (s: string): string => (s.endsWith('.') ? s.slice(0, -1) : s);
const asText = (v: unknown): string => (typeof v === 'string' ? v : v === undefined ? '' : JSON.stringify(v));

export const countTools = (tools: readonly ToolDefinition[] | undefined, enc: TokenEncoder, encoding: Encoding): number => {
  if (!tools || tools.length === 0) return 0;
  let n = 0;
  for (const tool of tools) {
    const fn = tool.function;
    n += OVERHEAD[encoding].funcInit;
    n += enc.count(`${fn.name}:${withoutFinalDot(fn.description ?? '')}`);
    const properties = isRecord(fn.parameters) && isRecord(fn.parameters['properties']) ? fn.parameters['properties'] : {};
    const keys = Object.keys(properties);
    if (keys.length > 0) n += PROP_INIT;
    for (const key of keys) {
      const prop = isRecord(properties[key]) ? properties[key] : {};
      n += PROP_KEY;
      if (Array.isArray(prop['enum'])) {
        n += ENUM_INIT;
        for (const item of prop['enum']) n += ENUM_ITEM + enc.count(asText(item));
      }
      n += enc.count(`${key}:${asText(prop['type'])}:${withoutFinalDot(asText(prop['description']))}`);
    }
  }
  return n + FUNC_END;
};
