import type { ChatMessage, ContentPart, ToolCall } from '../../stages/format/chat-example.js';
import type { ExportIssue } from './types.js';

/**
 * A message as Hugging Face chat templates take it (transformers chat_templating.md): plain string
 * content, roles system/user/assistant/tool, OpenAI-shaped `tool_calls`. TRL and axolotl read this
 * shape; LLaMA-Factory's rows are built from it.
 *
 * `content` is always a string: OpenAI writes `content: null` on a tool-call turn, but chat templates
 * treat content as text (Qwen3's tests `'</think>' in message.content`, which fails on None in
 * transformers), and neither TRL's nor axolotl's docs show a null there. An empty string renders as
 * no text, exactly as the call alone.
 */
export interface OpenMessage {
  role: 'system' | 'user' | 'assistant' | 'tool';
  content: string;
  name?: string;
  tool_calls?: ToolCall[];
  tool_call_id?: string;
}

export const ISSUES = {
  image: {
    code: 'image_input',
    action: 'refuse',
    message: 'image inputs (image_url content parts): the exported configs train text-only models and no open layout takes image URLs as-is',
  },
  functionCall: {
    code: 'function_call',
    action: 'refuse',
    message: 'deprecated function calling (function_call or role "function"): rewrite it as tools and tool_calls, which every trainer reads',
  },
  refusal: {
    code: 'refusal_field',
    action: 'refuse',
    message: 'assistant "refusal" fields: chat templates have no equivalent, and folding it into content would change what is learned',
  },
  textParts: {
    code: 'text_parts_joined',
    action: 'warn',
    message: 'content given as several text parts was joined into one string with newlines (chat templates take string content)',
  },
} as const satisfies Record<string, ExportIssue>;

export interface Normalized {
  message: OpenMessage;
  issues: ExportIssue[];
}

const textOf = (content: string | ContentPart[] | null, issues: ExportIssue[]): string => {
  if (content === null) return '';
  if (typeof content === 'string') return content;
  if (content.some((p) => p.type !== 'text')) {
    issues.push(ISSUES.image);
    return '';
  }
  const texts = content.map((p) => (p.type === 'text' ? p.text : ''));
  if (texts.length > 1) issues.push(ISSUES.textParts);
  return texts.join('\n');
};

/**
 * One OpenAI training message as an open chat message. `developer` becomes `system`: OpenAI
 * documents developer messages as the system messages of newer models, and open templates only
 * know `system`. `weight` is dropped here; each trainer expresses it its own way.
 */
export const normalizeMessage = (m: ChatMessage): Normalized => {
  const issues: ExportIssue[] = [];
  if (m.role === 'function' || m.function_call !== undefined) issues.push(ISSUES.functionCall);
  if (m.refusal !== undefined && m.refusal !== null) issues.push(ISSUES.refusal);
  const role = m.role === 'developer' ? 'system' : m.role === 'function' ? 'tool' : m.role;
  const message: OpenMessage = { role, content: textOf(m.content ?? null, issues) };
  if (m.name !== undefined) message.name = m.name;
  if (m.tool_calls !== undefined) message.tool_calls = m.tool_calls;
  if (m.tool_call_id !== undefined) message.tool_call_id = m.tool_call_id;
  return { message, issues };
};

/** Normalizes a list, gathering every message's issues. */
export const normalizeMessages = (messages: readonly ChatMessage[]): { messages: OpenMessage[]; issues: ExportIssue[] } => {
  const issues: ExportIssue[] = [];
  const out = messages.map((m) => {
    const n = normalizeMessage(m);
    issues.push(...n.issues);
    return n.message;
  });
  return { messages: out, issues };
};

/** `parallel_tool_calls` steers OpenAI's sampling of tool calls; no open trainer has a per-example flag. */
export const PARALLEL_FLAG: ExportIssue = {
  code: 'parallel_tool_calls_dropped',
  action: 'warn',
  message: 'the per-example parallel_tool_calls flag has no equivalent and was dropped (the tool calls themselves are kept)',
};
