import { formatJsonPath } from './json-defects.js';

/**
 * Only a number with an exponent of three digits or more, or 309 digits in a row, can be past the
 * largest double (about 1.8e308): text without one is not walked.
 */
const HUGE_NUMBER = /\d[eE]\+?\d{3}|\d{309}/;

/**
 * The JSON path of the first number in `value` that JSON.parse turned into Infinity or -Infinity
 * (`1e400`), or undefined. Such a number cannot be written back: JSON.stringify writes it as null,
 * so the record would change without a word the first time it is spooled or written. `text` is what
 * `value` was parsed from; the walk uses an explicit stack, so no depth overflows it.
 */
export const findHugeNumber = (text: string, value: unknown): string | undefined => {
  if (!HUGE_NUMBER.test(text)) return undefined;
  const todo: [unknown, (string | number)[]][] = [[value, []]];
  for (let next = todo.pop(); next; next = todo.pop()) {
    const [v, path] = next;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) return formatJsonPath(path);
    } else if (Array.isArray(v)) {
      for (let k = v.length - 1; k >= 0; k--) todo.push([v[k], [...path, k]]);
    } else if (v !== null && typeof v === 'object') {
      const entries = Object.entries(v);
      for (let k = entries.length - 1; k >= 0; k--) todo.push([entries[k]![1], [...path, entries[k]![0]]]);
    }
  }
  return undefined;
};
