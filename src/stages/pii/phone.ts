import { before, ID_CONTEXT, PHONE_CONTEXT } from './context.js';
import type { Span } from './kinds.js';

// Optional `+CC`/`00CC`, an optional `(area)` or `(0)` trunk, then digit groups joined by a single
// space, dot or dash. Not preceded by a word, `+`, `.`, `/` or `-` (paths, decimals, ranges).
const CANDIDATE = /(?<![\w+./-])(?:(?:\+|00)\d{1,3}[ .-]?)?(?:\(\d{1,5}\)[ .-]?)?\d{1,8}(?:[ .-]?(?:\(\d{1,5}\)[ .-]?)?\d{1,8}){1,6}(?!\w|[.-]?\d)/g;

// North American numbering: optional 1, an area code starting 2-9, exchange, four digits. The
// exchange is not held to 2-9: examples and test data write `(555) 123-4567`.
const NANP = /^(?:1[ .-]?)?(?:\([2-9]\d{2}\)|[2-9]\d{2})[ .-]?\d{3}[ .-]?\d{4}$/;
const ISO_DATE = /^(?:19|20)\d{2}[-.](?:0?[1-9]|1[0-2])[-.]\d{1,2}\b/;

const isPhone = (candidate: string, context: string): boolean => {
  const digits = candidate.replace(/\D/g, '');
  const groups = candidate.match(/\d+/g)!;
  if (groups.at(-1)!.length < 2 || ISO_DATE.test(candidate)) return false; // ISBN-10 check digit; dates
  if (/^\+/.test(candidate)) return digits.length >= 8 && digits.length <= 15; // E.164: at most 15 digits
  if (/^00[1-9]/.test(candidate)) return digits.length >= 10 && digits.length <= 17;
  const separated = groups.length > 1;
  if (NANP.test(candidate) && (separated || PHONE_CONTEXT.test(context))) return true;
  // National formats with a trunk 0: `020 7946 0958`, `030 1234567`, `07700 900123`.
  if (/^\(?0[1-9]/.test(candidate) && separated && digits.length >= 9 && digits.length <= 12) return true;
  return PHONE_CONTEXT.test(context) && digits.length >= 7 && digits.length <= 12;
};

export const findPhones = (text: string): Span[] => {
  const spans: Span[] = [];
  for (const m of text.matchAll(CANDIDATE)) {
    // The candidate may start with a parenthesis the lookbehind did not see: `(555) 123-4567`.
    const start = text[m.index - 1] === '(' && /^\d{3}\)/.test(m[0]) ? m.index - 1 : m.index;
    const candidate = text.slice(start, m.index + m[0].length);
    const context = before(text, start);
    if (ID_CONTEXT.test(context) || !isPhone(candidate, context)) continue;
    spans.push({ start, end: m.index + m[0].length });
  }
  return spans;
};
