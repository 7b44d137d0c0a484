import { isPreferenceExample, type ChatExample, type PreferenceExample, type ToolDefinition } from '../../stages/format/chat-example.js';
import { NO_TRAINED_MESSAGE, trainedIndexes } from './expand.js';
import { normalizeMessages, PARALLEL_FLAG } from './open-message.js';
import type { Converted } from './trainer.js';
import type { ExportIssue } from './types.js';

/**
 * TRL rows (TRL docs/source/dataset_formats.md, "Conversational" format):
 * - SFT, language modeling:  {"messages": [...]}, trained with `assistant_only_loss`
 * - SFT, prompt-completion:  {"prompt": [...], "completion": [...]}, loss on the completion only
 * - DPO, preference:         {"prompt": [...], "chosen": [...], "rejected": [...]} (explicit prompt, recommended)
 *
 * `tools` is a JSON string: TRL prefers it to list[dict] because Arrow aligns nested tool schemas
 * across rows and pads missing keys with nulls (huggingface/trl PR #5118). Tool-call `arguments`
 * stay the JSON strings OpenAI uses for the same reason; Qwen3's chat template takes them as strings.
 */
const withTools = (row: Record<string, unknown>, tools: ToolDefinition[] | undefined): Record<string, unknown> =>
  tools && tools.length > 0 ? { ...row, tools: JSON.stringify(tools) } : row;

const flagIssues = (e: ChatExample): ExportIssue[] => (e.parallel_tool_calls === undefined ? [] : [PARALLEL_FLAG]);

const sftMessages = (e: ChatExample): Converted => {
  const { messages, issues } = normalizeMessages(e.messages);
  return { rows: [withTools({ messages }, e.tools)], issues: [...issues, ...flagIssues(e)] };
};

/** TRL has no per-message weight: one prompt-completion row per assistant message OpenAI trains on. */
const sftExpanded = (e: ChatExample): Converted => {
  const { messages, issues } = normalizeMessages(e.messages);
  const trained = trainedIndexes(e.messages);
  if (trained.length === 0) issues.push(NO_TRAINED_MESSAGE);
  const rows = trained.map((i) => withTools({ prompt: messages.slice(0, i), completion: [messages[i]] }, e.tools));
  return { rows, issues: [...issues, ...flagIssues(e)] };
};

const dpo = (e: PreferenceExample): Converted => {
  const prompt = normalizeMessages(e.input.messages);
  const chosen = normalizeMessages(e.preferred_output);
  const rejected = normalizeMessages(e.non_preferred_output);
  const row = withTools({ prompt: prompt.messages, chosen: chosen.messages, rejected: rejected.messages }, e.input.tools);
  return { rows: [row], issues: [...prompt.issues, ...chosen.issues, ...rejected.issues, ...flagIssues(e.input)] };
};

export const trlRows = (expand: boolean) => (e: ChatExample | PreferenceExample): Converted =>
  isPreferenceExample(e) ? dpo(e) : expand ? sftExpanded(e) : sftMessages(e);
