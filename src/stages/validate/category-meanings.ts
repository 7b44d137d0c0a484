import type { Category } from './categories.js';

/**
 * One line per format category, for the reference and `tuneset stages`; the full conditions are the
 * table in categories.ts. Typed against Category, so a new category cannot go undocumented.
 */
export const CATEGORY_MEANINGS = {
  data_type: 'a line that is blank, not UTF-8, starts with a BOM, is not JSON or not a JSON object; a key written twice in an object; a string with a lone surrogate; a message that is not an object; a UTF-16, UTF-32 or gzip file',
  missing_messages_list: '`messages` (DPO: `input.messages`) absent, not an array, or empty',
  message_missing_key: 'a message without `role` or `content`, a tool message without `tool_call_id`, a function message without `name`',
  message_unrecognized_key: "a key the message's role does not take (`tool_calls` on a user message, `timestamp`...)",
  unrecognized_role: 'a role other than system, user, assistant, tool or function (`developer` too)',
  missing_content: 'content empty or null (allowed only beside tool calls), not a string or an array of text/image parts',
  example_missing_assistant_message: 'no assistant message, or every assistant message has weight 0',
  invalid_weight: '`weight` not 0 or 1, on a message that is not the assistant\'s, or in a DPO example',
  invalid_field: '`name` or `tool_call_id` not a non-empty string; `refusal` not a string or null',
  invalid_tool_call: 'a malformed tool call, arguments that are not a JSON object, a call to an undeclared function, or calls and tool messages that do not pair up',
  invalid_tools: '`tools` or `functions` malformed, a bad or repeated function name, `parallel_tool_calls` not a boolean',
  invalid_image: 'an image outside user messages, a bad image URL or detail, a data URL over 10 MB, more than 10 images',
  invalid_preference: 'DPO: a missing or malformed `input`, `preferred_output` or `non_preferred_output`, or both outputs the same',
  unrecognized_example_key: 'a top-level key OpenAI does not take, e.g. an `id` leaked from meta',
  mixed_formats: "an example whose format (SFT or DPO) differs from the run's first valid example",
  invalid_n_examples: 'the written training file has fewer examples than the minimum (OpenAI: 10)',
} as const satisfies Record<Category, string>;
