import { isPreferenceExample, type ChatExample, type ChatMessage, type PreferenceExample } from '../../stages/format/chat-example.js';
import { normalizeMessage, normalizeMessages, PARALLEL_FLAG } from './open-message.js';
import type { Converted } from './trainer.js';
import type { ExportIssue } from './types.js';

/**
 * axolotl rows for `type: chat_template` (axolotl docs/dataset-formats/conversation.qmd): OpenAI
 * messages as they are, plus a per-message `train` boolean where OpenAI has a `weight`. With
 * `message_field_training: train`, a turn's own flag overrides `roles_to_train`
 * (src/axolotl/prompt_strategies/chat_template.py, `_tokenize_single_prompt`), so weight 0 maps to
 * `train: false` exactly. Tool-call arguments stay JSON strings (axolotl parses them), and `tools`
 * stays a list: axolotl only takes list[dict] and drops the nulls Arrow pads it with.
 */
const withTrain = (m: ChatMessage) => {
  const n = normalizeMessage(m);
  return { message: m.role === 'assistant' && m.weight !== undefined ? { ...n.message, train: m.weight === 1 } : n.message, issues: n.issues };
};

const sft = (e: ChatExample): Converted => {
  const issues: ExportIssue[] = [];
  const messages = e.messages.map((m) => {
    const n = withTrain(m);
    issues.push(...n.issues);
    return n.message;
  });
  if (e.parallel_tool_calls !== undefined) issues.push(PARALLEL_FLAG);
  return { rows: [e.tools && e.tools.length > 0 ? { messages, tools: e.tools } : { messages }], issues };
};

export const DPO_TOOLS: ExportIssue = {
  code: 'dpo_tools',
  action: 'refuse',
  message: "tools or tool calls in a DPO input: axolotl's chat_template.default DPO format has no tools field",
};

/** `type: chat_template.default` for `rl: dpo` (axolotl docs/rlhf.qmd): chosen and rejected are single messages. */
const dpo = (e: PreferenceExample): Converted => {
  const input = normalizeMessages(e.input.messages);
  const chosen = normalizeMessages(e.preferred_output);
  const rejected = normalizeMessages(e.non_preferred_output);
  const issues = [...input.issues, ...chosen.issues, ...rejected.issues];
  const toolUse = (e.input.tools?.length ?? 0) > 0 || input.messages.some((m) => m.tool_calls !== undefined || m.role === 'tool');
  if (toolUse) issues.push(DPO_TOOLS);
  if (e.input.parallel_tool_calls !== undefined) issues.push(PARALLEL_FLAG);
  return { rows: [{ messages: input.messages, chosen: chosen.messages[0], rejected: rejected.messages[0] }], issues };
};

export const axolotlRows = (e: ChatExample | PreferenceExample): Converted => (isPreferenceExample(e) ? dpo(e) : sft(e));
