import { ibanValid } from './checksums.js';
import type { Span } from './kinds.js';

// Country code, check digits, then the account in groups of four (print form) or unbroken.
const CANDIDATE = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{1,4}){2,9}\b/g;

export const findIbans = (text: string): Span[] => {
  const spans: Span[] = [];
  for (const m of text.matchAll(CANDIDATE)) {
    // The candidate may have swallowed a following word (`... 3000 EUR`): shorten it token by token.
    const tokens = [...m[0].matchAll(/[A-Z0-9]+/g)];
    for (let n = tokens.length; n >= 1; n--) {
      const last = tokens[n - 1]!;
      if (ibanValid(tokens.slice(0, n).map((t) => t[0]).join(''))) {
        spans.push({ start: m.index, end: m.index + last.index + last[0].length });
        break;
      }
    }
  }
  return spans;
};
