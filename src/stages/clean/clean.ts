import { z } from 'zod';
import { dropReasons } from '../../pipeline/drop-codes.js';
import type { Item } from '../../pipeline/item.js';
import { defineMap, type Stage } from '../../pipeline/stage.js';
import { normalizeText, type WhitespaceMode } from './normalize-text.js';

export const CleanOptions = z.strictObject({
  fields: z
    .array(z.string().min(1))
    .optional()
    .meta({ description: 'Fields of `data` to clean (strings or arrays of strings).', whenAbsent: 'every top-level string or string-array field' }),
  whitespace: z.enum(['lines', 'collapse']).default('lines').describe('`lines` keeps line breaks; `collapse` turns all whitespace into single spaces.'),
  minChars: z.int().min(1).default(1).describe('Per-field minimum length in characters after cleaning.'),
  maxChars: z.int().min(1).optional().meta({ description: 'Per-field maximum length in characters after cleaning.', whenAbsent: 'no limit' }),
});

export const CLEAN_DROP_CODES = {
  missing_content: 'a field is absent, not text, or empty after cleaning; detail: the field (`options[2]` for an array element) and why',
  too_short: 'a field shorter than `minChars` after cleaning; detail: the field, its length and the minimum',
  too_long: 'a field longer than `maxChars` after cleaning; detail: the field, its length and the maximum',
} as const;

const reason = dropReasons(CLEAN_DROP_CODES);

type Data = Record<string, unknown>;

const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

// Consecutive records often share a field (an AR-LSAT passage with its six questions): the last
// text cleaned is remembered so the passage is normalised once, not six times.
let lastRaw = '';
let lastClean = '';
let lastMode: WhitespaceMode = 'lines';
const normalizeOnce = (raw: string, mode: WhitespaceMode) => {
  if (raw !== lastRaw || mode !== lastMode) {
    lastRaw = raw;
    lastMode = mode;
    lastClean = normalizeText(raw, mode);
  }
  return lastClean;
};

const cleanStage = defineMap('clean', CleanOptions, (item: Item<Data>, ctx, opts): Item<Data> | undefined => {
  const fields = opts.fields ?? Object.keys(item.data).filter((k) => typeof item.data[k] === 'string' || isStringArray(item.data[k]));
  const data: Data = { ...item.data };
  for (const field of fields) {
    const value = data[field];
    const values = typeof value === 'string' ? [value] : isStringArray(value) ? value : undefined;
    if (values === undefined || values.length === 0) {
      return ctx.drop(item, reason('missing_content', { field, reason: value === undefined ? 'absent' : 'not text' }));
    }
    const cleaned: string[] = [];
    for (const [i, raw] of values.entries()) {
      const name = typeof value === 'string' ? field : `${field}[${i}]`;
      const text = raw.length > 256 ? normalizeOnce(raw, opts.whitespace) : normalizeText(raw, opts.whitespace);
      if (text.length === 0) return ctx.drop(item, reason('missing_content', { field: name, reason: 'empty' }));
      if (text.length < opts.minChars) return ctx.drop(item, reason('too_short', { field: name, chars: text.length, min: opts.minChars }));
      if (opts.maxChars !== undefined && text.length > opts.maxChars) {
        return ctx.drop(item, reason('too_long', { field: name, chars: text.length, max: opts.maxChars }));
      }
      cleaned.push(text);
    }
    data[field] = typeof value === 'string' ? cleaned[0] : cleaned;
  }
  return { ...item, data };
});

/**
 * Normalises text fields (NFC, invisible and control characters, whitespace, trimming) and filters
 * by length. Drop codes: `missing_content` (a field is absent, not text, or empty after cleaning),
 * `too_short`, `too_long`; the detail names the field (`options[2]` for an array element).
 */
export const clean = <T extends object = Data>(options?: z.input<typeof CleanOptions>): Stage<T, T> =>
  cleanStage(options) as unknown as Stage<T, T>;
