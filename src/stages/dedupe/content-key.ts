import { createHash } from 'node:crypto';
import { WHITESPACE_TO_FOLD } from '../clean/normalize-text.js';

export interface ContentKeyOptions {
  /** Collapse every whitespace run to one space and trim. */
  collapseWhitespace: boolean;
  /** Compare case-insensitively (NFKC, then lower case). */
  caseFold: boolean;
}

const normalizeValue = (value: unknown, o: ContentKeyOptions): unknown => {
  if (typeof value === 'string') {
    let s = value;
    if (o.caseFold) s = s.normalize('NFKC').toLowerCase();
    if (o.collapseWhitespace) s = s.replace(WHITESPACE_TO_FOLD, ' ').trim();
    return s;
  }
  if (Array.isArray(value)) return value.map((v) => normalizeValue(v, o));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, normalizeValue((value as Record<string, unknown>)[k], o)]));
  }
  return value ?? null;
};

/** sha256 (base64url) of a value with its strings normalised and object keys sorted. */
export const normalizedHash = (value: unknown, o: ContentKeyOptions): string =>
  createHash('sha256').update(JSON.stringify(normalizeValue(value, o))).digest('base64url');

/** The content key of a record: the normalised values of `fields`, in the order given. */
export const contentKey = (data: Record<string, unknown>, fields: readonly string[], o: ContentKeyOptions): string =>
  normalizedHash(fields.map((f) => data[f]), o);
