import { isRecord } from '../../pipeline/item.js';
type Data = Record<string, unknown>;

const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');
const isMessages = (v: unknown): v is Record<string, unknown>[] => Array.isArray(v) && v.length > 0 && v.every((m) => isRecord(m) && 'role' in m);

// System prompts are the same on every example and tool output is machine text: judging them would
// drop or keep every record alike, so only what the user and assistant wrote counts.
const JUDGED_ROLES = new Set(['user', 'assistant']);

const contentText = (content: unknown): string =>
  typeof content === 'string'
    ? content
    : Array.isArray(content)
      ? content.map((p: unknown) => (isRecord(p) && p.type === 'text' && typeof p.text === 'string' ? p.text : '')).filter(Boolean).join('\n')
      : '';

/** Fields judged when none are named: every string or string-array field, and `messages`. */
export const defaultFields = (data: Data): string[] =>
  Object.keys(data).filter((k) => typeof data[k] === 'string' || isStringArray(data[k]) || (k === 'messages' && isMessages(data[k])));

/**
 * The text a record is judged by: fields are separate paragraphs (joined by a blank line) and array
 * elements separate lines, so an options list reads as lines and a passage as a paragraph.
 */
export const textOf = (data: Data, fields: readonly string[]): string => {
  const parts: string[] = [];
  for (const field of fields) {
    const v = data[field];
    if (typeof v === 'string') parts.push(v);
    else if (isStringArray(v)) parts.push(v.join('\n'));
    else if (isMessages(v)) {
      for (const m of v) if (typeof m.role === 'string' && JUDGED_ROLES.has(m.role)) parts.push(contentText(m.content));
    }
  }
  return parts.filter((p) => p.trim() !== '').join('\n\n');
};
