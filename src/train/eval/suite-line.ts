import type { ChatMessageIn } from '../../chat/chat-model.js';
import { isRecord, kindOf } from '../../pipeline/item.js';

/** One line of a suite file, read: its format, what the model is asked, and what it should answer. */
export interface SuiteLine {
  format: 'chat' | 'openai-evals';
  prompt: ChatMessageIn[];
  references: string[];
  /** The line's own `id` field, when it has one. */
  id?: string;
}

/** A line that is not an example; `reason` is said after `<file>:<line>: `. */
export class SuiteLineProblem extends Error {}

const fail = (reason: string): never => {
  throw new SuiteLineProblem(reason);
};

/** Chat messages as sent: role and text content only (a fine-tuning line's `weight` and the like are not the model's business). */
const chatMessages = (value: unknown, field: string): ChatMessageIn[] => {
  if (!Array.isArray(value)) return fail(`"${field}" is ${kindOf(value)}, not a list of chat messages`);
  return value.map((m: unknown, i) => {
    if (!isRecord(m) || typeof m['role'] !== 'string') return fail(`"${field}" message ${i + 1} has no role`);
    if (typeof m['content'] !== 'string') return fail(`"${field}" message ${i + 1} (${m['role']}) has content that is not text (${kindOf(m['content'])})`);
    return { role: m['role'], content: m['content'] };
  });
};

const chatLine = (value: Record<string, unknown>): Omit<SuiteLine, 'id'> => {
  const messages = chatMessages(value['messages'], 'messages');
  const last = messages.findLastIndex((m) => m.role === 'assistant');
  if (last < 0) return fail('no assistant message: the last one is the reference answer');
  const reference = messages[last]!.content as string;
  if (!reference.trim()) return fail('the last assistant message is empty: nothing to score against');
  return { format: 'chat', prompt: messages.slice(0, last), references: [reference] };
};

const evalsLine = (value: Record<string, unknown>): Omit<SuiteLine, 'id'> => {
  const input = value['input'];
  if (!('input' in value)) return fail('"ideal" without "input"');
  if (!('ideal' in value)) return fail('"input" without "ideal"');
  const prompt = typeof input === 'string' ? [{ role: 'user', content: input }] : chatMessages(input, 'input');
  if (prompt.length === 0 || prompt.every((m) => !(m.content as string).trim())) fail('"input" is empty');
  const ideal = value['ideal'];
  const references = typeof ideal === 'string' ? [ideal] : Array.isArray(ideal) ? ideal : fail(`"ideal" is ${kindOf(ideal)}, not text or a list of texts`);
  if (!references.every((r): r is string => typeof r === 'string')) return fail('"ideal" has an entry that is not text');
  if (references.length === 0 || references.some((r) => !r.trim())) return fail('"ideal" is empty: nothing to score against');
  return { format: 'openai-evals', prompt, references };
};

/** Reads one non-blank line: chat (`messages`) or OpenAI evals (`input` and `ideal`). Throws SuiteLineProblem. */
export const parseSuiteLine = (text: string): SuiteLine => {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return fail(`not valid JSON (${(error as Error).message})`);
  }
  if (!isRecord(value) || !('messages' in value || 'input' in value || 'ideal' in value)) {
    return fail('neither a chat line ("messages") nor an OpenAI-evals line ("input" and "ideal")');
  }
  const line = 'messages' in value ? chatLine(value) : evalsLine(value);
  const id = value['id'];
  if (id === undefined) return line;
  if (typeof id === 'number') return { ...line, id: String(id) };
  if (typeof id !== 'string') return fail(`"id" is ${kindOf(id)}, not a name or number`);
  if (!id.trim()) return fail('"id" is empty');
  return { ...line, id };
};
