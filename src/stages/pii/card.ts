import { luhnValid } from './checksums.js';
import { before, ID_CONTEXT } from './context.js';
import type { Span } from './kinds.js';

// A digit run with optional single space or dash separators; longer than a card so neighbouring
// numbers are caught and trimmed off below.
const CANDIDATE = /(?<![\w.,+-])\d(?:[ -]?\d){12,30}(?!\w|[.,-]\d)/g;

// Issuer prefixes: Visa, Mastercard (51-55, 2221-2720), Maestro, Amex, Diners, JCB, Discover, UnionPay.
const ISSUER = /^(?:4|5[0-8]|2[2-7]|3[0-9]|6)/;

// How cards are printed: unbroken, in fours (the last group may be short), or Amex/Diners 4-6-5/4-6-4.
// Other groupings are tables of numbers, and one in ten of those would pass Luhn by chance.
const PRINTED = /^(?:\d+|4(?:-4){2,3}(?:-[1-4])?|4-6-[45])$/;

const isCard = (digits: string) => digits.length >= 13 && digits.length <= 19 && ISSUER.test(digits) && luhnValid(digits);

/** The longest run of whole groups (earliest first) that is a valid card number. */
const bestRun = (candidate: string): Span | undefined => {
  const groups = [...candidate.matchAll(/\d+/g)];
  for (let size = groups.length; size >= 1; size--) {
    for (let i = 0; i + size <= groups.length; i++) {
      const run = groups.slice(i, i + size);
      const seps = new Set(run.slice(1).map((g, k) => candidate.slice(run[k]!.index + run[k]![0].length, g.index)));
      if (seps.size > 1) continue; // `4111 1111-1111 1111` mixes separators: not how cards are written
      if (!PRINTED.test(run.map((g) => g[0].length).join('-'))) continue;
      if (isCard(run.map((g) => g[0]).join(''))) return { start: run[0]!.index, end: run.at(-1)!.index + run.at(-1)![0].length };
    }
  }
  return undefined;
};

export const findCards = (text: string): Span[] => {
  const spans: Span[] = [];
  for (const m of text.matchAll(CANDIDATE)) {
    const run = bestRun(m[0]);
    if (!run || ID_CONTEXT.test(before(text, m.index + run.start))) continue;
    spans.push({ start: m.index + run.start, end: m.index + run.end });
  }
  return spans;
};
