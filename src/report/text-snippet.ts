import { isRecord } from '../pipeline/item.js';

/** Cuts text to `max` characters, saying how much was left out. */
export const clip = (text: string, max: number): string => (text.length <= max ? text : `${text.slice(0, max)}… (${(text.length - max).toLocaleString('en-US')} more characters)`);

/**
 * A record's readable text for a glance (a dropped record, a near-duplicate): its string fields in
 * order, depth first, joined, at most `max` characters. A chat example reads as its message texts.
 */
export const snippet = (value: unknown, max = 300): string => {
  const parts: string[] = [];
  let length = 0;
  const walk = (v: unknown): void => {
    if (length >= max) return;
    if (typeof v === 'string') {
      const t = v.replace(/\s+/g, ' ').trim();
      if (t) {
        parts.push(t);
        length += t.length + 3;
      }
    } else if (Array.isArray(v)) {
      for (const x of v) walk(x);
    } else if (isRecord(v)) {
      for (const [k, x] of Object.entries(v)) if (k !== 'role' && k !== 'type') walk(x);
    }
  };
  walk(value);
  return clip(parts.join(' · '), max);
};
