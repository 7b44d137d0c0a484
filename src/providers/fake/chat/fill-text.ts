import { hashSeed } from '../random.js';
import { formatted } from './fill-format.js';
import { quote, type TextHints } from './prompt-words.js';
import type { Schema } from './schema-rank.js';

/**
 * Strings for structured outputs: short text quoting a few words of the user message, chosen by a
 * hash of the prompt and the field's path, so the same request always reads the same and two
 * fields (or two array items) differ. Formats get a well-formed value (fixed by the same hash, not
 * by the clock, so a batch answers as the live endpoint did); lengths are honoured. `pattern` is
 * honoured only when one of a few stock candidates happens to match it.
 */

/** An answer slot takes the chosen letter as it is. */
const ANSWER_NAME = /answer|letter|choice|option/i;
/** A reasoning slot reads as a sentence ending in the chosen letter. */
const REASON_NAME = /rational|reason|explan|justif|thought|because|analysis/i;

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

const prose = (hints: TextHints, name: string | undefined, key: string): string => {
  if (hints.letter !== undefined && name !== undefined && ANSWER_NAME.test(name)) return hints.letter;
  if (name !== undefined && REASON_NAME.test(name)) {
    const q = quote(hints, key, 4);
    return hints.letter === undefined ? `The prompt says "${q}", which settles it.` : `The prompt says "${q}", so the answer is ${hints.letter}.`;
  }
  return capitalize(quote(hints, key, 3 + (hashSeed(`length:${key}\n${hints.userText}`) % 4)));
};

/** Fits `s` into [min, max] code points, without ever splitting a surrogate pair. */
const fitLength = (s: string, min: number, max: number, more: () => string): string => {
  const count = (x: string) => [...x].length;
  let out = s;
  let have = count(out);
  // Every round adds at least two characters, so `min` rounds always suffice.
  for (let i = 0; have < min && i <= min; i++) {
    const next = more();
    out = `${out} ${next}`;
    have += 1 + count(next);
  }
  out = out.trim();
  if (count(out) < min) out = out.padEnd(min, 'x');
  if (out.length > max) {
    let units = 0;
    for (const point of out) {
      if (units + point.length > max) break;
      units += point.length;
    }
    const cut = out.slice(0, units);
    // A cut that ends in a space reads better trimmed, unless that makes it too short.
    out = count(cut.trimEnd()) >= min ? cut.trimEnd() : cut;
    if (count(out) < min) out = 'x'.repeat(min);
  }
  return out;
};

const matchesPattern = (pattern: unknown, s: string): boolean => {
  if (typeof pattern !== 'string') return true;
  try {
    return new RegExp(pattern, 'u').test(s);
  } catch {
    return true;
  }
};

export const fillString = (schema: Schema, hints: TextHints, name: string | undefined, key: string): string => {
  const min = typeof schema['minLength'] === 'number' ? schema['minLength'] : 0;
  const max = typeof schema['maxLength'] === 'number' ? schema['maxLength'] : Infinity;
  const format = typeof schema['format'] === 'string' ? formatted(schema['format'], hints, key) : undefined;
  let extra = 0;
  const candidate = fitLength(format ?? prose(hints, name, key), min, max, () => quote(hints, `${key}+${extra++}`, 4));
  if (matchesPattern(schema['pattern'], candidate)) return candidate;
  const stock = [hints.letter, 'A', 'a', 'x', '0', 'example', 'abc123', '12:00:00', '2024-01-01'];
  return stock.find((s): s is string => s !== undefined && s.length >= min && s.length <= max && matchesPattern(schema['pattern'], s)) ?? candidate;
};
