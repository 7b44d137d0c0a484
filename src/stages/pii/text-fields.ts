import { isRecord } from '../../pipeline/item.js';
import type { PiiKind } from './kinds.js';
import { redactText } from './find-pii.js';

export type Data = Record<string, unknown>;
export type Counts = Partial<Record<PiiKind, number>>;

const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');
// A chat example's `messages` (after format): objects whose `content` is a string or content parts.
const isMessages = (v: unknown): v is Record<string, unknown>[] => Array.isArray(v) && v.length > 0 && v.every((m) => isRecord(m) && 'content' in m);

/** Fields the stage looks at when none are named: every string, string-array or message-array field. */
export const textFields = (data: Data): string[] =>
  Object.keys(data).filter((k) => typeof data[k] === 'string' || isStringArray(data[k]) || isMessages(data[k]));

const add = (into: Counts, from: Counts) => {
  for (const [k, n] of Object.entries(from) as [PiiKind, number][]) into[k] = (into[k] ?? 0) + n;
};

const redactContent = (content: unknown, kinds: ReadonlySet<PiiKind>, counts: Counts): unknown => {
  const one = (s: string) => {
    const r = redactText(s, kinds);
    add(counts, r.counts);
    return r.text;
  };
  if (typeof content === 'string') return one(content);
  if (!Array.isArray(content)) return content; // null content (tool calls) has nothing to redact
  return content.map((part: unknown) => (isRecord(part) && part.type === 'text' && typeof part.text === 'string' ? { ...part, text: one(part.text) } : part));
};

/**
 * Returns a copy of `data` with PII replaced in the named fields, and the counts by kind. Fields that
 * are absent or hold no text are left alone: having no text is not a PII defect.
 */
export const redactData = (data: Data, fields: readonly string[], kinds: ReadonlySet<PiiKind>): { data: Data; counts: Counts } => {
  const counts: Counts = {};
  const out: Data = { ...data };
  for (const field of fields) {
    const value = data[field];
    if (typeof value === 'string' || isStringArray(value)) {
      out[field] = isStringArray(value) ? value.map((s) => redactContent(s, kinds, counts)) : redactContent(value, kinds, counts);
    } else if (isMessages(value)) {
      out[field] = value.map((m) => ({ ...m, content: redactContent(m.content, kinds, counts) }));
    }
  }
  return { data: out, counts };
};
