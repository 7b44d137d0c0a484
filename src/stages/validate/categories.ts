/**
 * Format error categories. The first seven are the cookbook's counters, kept verbatim so our output
 * reads next to OpenAI's docs (examples/Chat_finetuning_data_prep.ipynb); their conditions are
 * brought up to date with what the fine-tuning API accepts now (openai-api.md §3.1, §3.3).
 * The others cover shapes the cookbook predates; `invalid_n_examples` is the API's own code.
 *
 * | category                          | condition                                                                                   |
 * |-----------------------------------|---------------------------------------------------------------------------------------------|
 * | data_type                         | line is blank, not UTF-8, not JSON, or not a JSON object; a message that is not an object   |
 * | missing_messages_list             | `messages` (or DPO `input.messages`) absent, not an array, or empty                         |
 * | message_missing_key               | no `role`; no `content` (assistant: unless tool_calls/function_call); tool without          |
 * |                                   | `tool_call_id`; function without `name`                                                     |
 * | message_unrecognized_key          | a key the message's role does not take (e.g. `tool_calls` on a user message)                |
 * | unrecognized_role                 | role not system/user/assistant/tool/function (`developer` is RFT-only, so rejected here)    |
 * | missing_content                   | content empty, of the wrong type, or with a part that is not text (or image, for users)     |
 * | example_missing_assistant_message | no assistant message, or every assistant message has weight 0                              |
 * | invalid_weight                    | `weight` not 0 or 1, on a non-assistant message, or in a DPO example                        |
 * | invalid_field                     | a recognised key with a bad value: `name` not a non-empty string, `refusal` not string/null |
 * | invalid_tool_call                 | malformed tool_calls/function_call, arguments not a JSON-object string, duplicate or        |
 * |                                   | unanswered ids, unknown function, tool message without a matching preceding call            |
 * | invalid_tools                     | malformed top-level `tools`/`functions`, duplicate names, `parallel_tool_calls` not boolean  |
 * | invalid_image                     | image outside a user message, bad `image_url` shape, URL not http(s) or a base64 data URL of |
 * |                                   | jpeg/png/webp, data URL over 10 MB, more than 10 images in an example                       |
 * | invalid_preference                | DPO: `input` not an object, outputs not exactly one text-only assistant message, input ends |
 * |                                   | with an assistant turn, identical outputs, images anywhere                                 |
 * | unrecognized_example_key          | a top-level (or `input`) key OpenAI does not take: metadata leaking into the uploaded line  |
 * | mixed_formats                     | file: an example whose format (SFT vs DPO) differs from the file's first example            |
 * | invalid_n_examples                | file: a training file with fewer examples than the minimum (OpenAI: 10)                     |
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
