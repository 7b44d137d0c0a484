import { normalizeMessages, type OpenMessage } from '../train/export/open-message.js';
import { isPreferenceExample, type ChatMessage, type TrainingExample } from '../stages/format/chat-example.js';
import type { TemplateInput } from './chat-template.js';

/**
 * The conversations a trainer renders for one example, built the way `tuneset export` writes them
 * (open-message.ts: developer -> system, text parts joined with newlines, tool-call arguments kept
 * as JSON strings), so the count is of what the trainer will see. An SFT example is one
 * conversation; a DPO example two: the input followed by each output.
 */
export const templateInputs = (example: TrainingExample): TemplateInput[] => {
  if (!isPreferenceExample(example)) return [conversation(example.messages, example.tools)];
  const input = example.input.messages;
  return [conversation([...input, ...example.preferred_output], example.input.tools), conversation([...input, ...example.non_preferred_output], example.input.tools)];
};

const conversation = (messages: readonly ChatMessage[], tools: TemplateInput['tools']): TemplateInput => ({
  messages: normalizeMessages(messages).messages.map(forTemplate),
  tools,
});

/** Templates concatenate `content` with strings; a null content (a tool-call turn) renders as empty. */
const forTemplate = (m: OpenMessage): Record<string, unknown> => ({ ...m, content: m.content ?? '' });

/** The assistant messages an example teaches (weight not 0; for DPO the preferred output). */
export const learnedMessages = (example: TrainingExample): ChatMessage[] => {
  const messages = isPreferenceExample(example) ? example.preferred_output : example.messages;
  return messages.filter((m) => m.role === 'assistant' && m.weight !== 0);
};

/** The text of one taught message: its content (text parts), refusal and tool calls, as OpenAI's formula counts them. */
export const learnedTexts = (m: ChatMessage): string[] => {
  const texts: string[] = [];
  if (typeof m.content === 'string') texts.push(m.content);
  else if (Array.isArray(m.content)) for (const part of m.content) if (part.type === 'text') texts.push(part.text);
  if (typeof m.refusal === 'string') texts.push(m.refusal);
  for (const call of m.tool_calls ?? []) texts.push(call.function.name, call.function.arguments);
  return texts;
};
