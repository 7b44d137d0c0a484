/**
 * Format error categories. The first seven are the cookbook's counters, kept verbatim so our output
 * reads next to OpenAI's docs (examples/Chat_finetuning_data_prep.ipynb); their conditions are
 * brought up to date with what the fine-tuning API accepts now (openai-api.md §3.1, §3.3).
 * The others cover shapes the cookbook predates; `invalid_n_examples` is the API's own code.
 *
 * | category                          | condition                                                                                  |
 * |-----------------------------------|--------------------------------------------------------------------------------------------|
 * | data_type                         | line blank, not UTF-8, starting with a BOM, not JSON, or not a JSON object; a key written  |
 * |                                   | twice in an object; a string with a lone surrogate; a message that is not an object;       |
 * |                                   | file: UTF-16, UTF-32 or gzip (one error naming the encoding)                               |
 * | missing_messages_list             | `messages` (DPO: `input.messages`) absent, not an array, or empty                          |
 * | message_missing_key               | no `role`; no `content` (an assistant message with tool_calls/function_call may omit it);  |
 * |                                   | a tool message without `tool_call_id`; a function message without `name`                  |
 * | message_unrecognized_key          | a key the message's role does not take (`tool_calls` on a user message, `timestamp`...),   |
 * |                                   | or a text part with keys other than type/text                                              |
 * | unrecognized_role                 | role not system/user/assistant/tool/function; `developer` too (RFT-only, §3.1)              |
 * | missing_content                   | content "" or null (allowed only beside tool_calls/function_call), not a string or array,  |
 * |                                   | an empty array, a part that is not an object, a text part without text, a part type other  |
 * |                                   | than text/image_url; an array for a function message                                       |
 * | example_missing_assistant_message | no assistant message, or every assistant message has weight 0 (nothing to train on)        |
 * | invalid_weight                    | `weight` not exactly 0 or 1, on a non-assistant message, or in a DPO example               |
 * | invalid_field                     | `name` or a tool's `tool_call_id` not a non-empty string; `refusal` not a string or null   |
 * | invalid_tool_call                 | tool_calls not a non-empty array; a call not {id, type: "function", function: {name,       |
 * |                                   | arguments}}; arguments not a string holding a JSON object; an id used twice; a function    |
 * |                                   | not in the example's tools/functions; >1 call with parallel_tool_calls false; tool_calls   |
 * |                                   | and function_call together; a tool message not answering a call of the assistant message   |
 * |                                   | right before it, answering twice, or calls left unanswered before the next message         |
 * | invalid_tools                     | `tools` not an array of {type: "function", function: {name, description?, parameters?,     |
 * |                                   | strict?}}; a name not ^[a-zA-Z0-9_-]{1,64}$ or declared twice; `functions` not 1-128       |
 * |                                   | definitions; `parallel_tool_calls` not a boolean                                          |
 * | invalid_image                     | an image in a system/assistant/tool message; image_url not {url, detail?}; detail not       |
 * |                                   | low/high/auto; URL not http(s) nor a base64 data URL of jpeg/png/webp; a data URL over     |
 * |                                   | 10 MB; more than 10 images in one example                                                  |
 * | invalid_preference                | DPO: `input` missing or not an object; an output missing, not an array, not exactly one    |
 * |                                   | message, not role assistant, or with tool calls; input ending with an assistant message;  |
 * |                                   | both outputs with the same content; any image                                             |
 * | unrecognized_example_key          | a top-level (or DPO `input`) key OpenAI does not take, e.g. an `id` leaked from meta       |
 * | mixed_formats                     | file or run: an example whose format (SFT vs DPO) differs from the first example's         |
 * | invalid_n_examples                | file: a training file with fewer than the minimum examples (OpenAI: 10)                    |
 */
export const CATEGORIES = [
  'data_type',
  'missing_messages_list',
  'message_missing_key',
  'message_unrecognized_key',
  'unrecognized_role',
  'missing_content',
  'example_missing_assistant_message',
  'invalid_weight',
  'invalid_field',
  'invalid_tool_call',
  'invalid_tools',
  'invalid_image',
  'invalid_preference',
  'unrecognized_example_key',
  'mixed_formats',
  'invalid_n_examples',
] as const;

export type Category = (typeof CATEGORIES)[number];

/** One problem with one example; `path` points into the example (`messages[2].content`). */
export interface FormatIssue {
  category: Category;
  message: string;
  path?: string;
}

export const issue = (category: Category, message: string, path?: string): FormatIssue =>
  path === undefined ? { category, message } : { category, message, path };
