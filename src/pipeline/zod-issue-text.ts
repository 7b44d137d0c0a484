import { z } from 'zod';

/**
 * zod issues in plain words, with the value that was given: `expected a number at most 0.9, got 2`
 * instead of zod's `Too big: expected number to be <=0.9`. A message the schema wrote itself
 * (`.refine(..., 'must leave a share for train')`, `.min(1, 'map at least one field')`) is kept as
 * it is. Record-level issues (a bad input record) keep zod's own wording; this is for options.
 */

type Issue = z.core.$ZodIssue;

const defaultMessage = z.locales.en().localeError;

/** zod's own message for an issue (not one the schema author wrote). */
const isDefaultMessage = (issue: Issue): boolean => {
  if (issue.code === 'custom') return false;
  // The default invalid_type message names the type received, which depends on the input.
  if (issue.code === 'invalid_type') return /^Invalid input: expected \S+, received \S+$/.test(issue.message);
  const text = defaultMessage(issue as never);
  return issue.message === (typeof text === 'string' ? text : text?.message);
};

const TYPE_NAMES: Record<string, string> = {
  number: 'a number',
  int: 'a whole number',
  bigint: 'a bigint',
  string: 'a string',
  boolean: 'true or false',
  array: 'an array',
  tuple: 'an array',
  object: 'an object',
  record: 'an object',
  function: 'a function',
  date: 'a date',
  map: 'a Map',
  set: 'a Set',
  file: 'a file',
  null: 'null',
  undefined: 'nothing',
  never: 'nothing',
  nan: 'NaN',
  symbol: 'a symbol',
};

const SIZE_UNITS: Record<string, [string, string]> = {
  string: ['character', 'characters'],
  array: ['item', 'items'],
  set: ['item', 'items'],
  map: ['entry', 'entries'],
  file: ['byte', 'bytes'],
};

const FORMATS: Record<string, string> = { url: 'a URL', email: 'an email address', uuid: 'a UUID', datetime: 'an ISO date and time', date: 'an ISO date', time: 'an ISO time' };

const count = (n: number | bigint, [one, many]: [string, string]) => `${n} ${Number(n) === 1 ? one : many}`;

/** A value as it was given, short: strings quoted, lists and objects as (cut) JSON. */
export const formatValue = (value: unknown): string => {
  if (typeof value === 'string') return cut(JSON.stringify(value));
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'bigint') return `${value}n`;
  if (value instanceof URL) return `URL ${JSON.stringify(value.href)}`;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'an invalid date' : value.toISOString();
  if (typeof value === 'object' && value !== null) {
    try {
      return cut(JSON.stringify(value));
    } catch {
      return Array.isArray(value) ? 'an array' : 'an object';
    }
  }
  return String(value);
};

const cut = (text: string) => (text.length > 60 ? `${text.slice(0, 57)}...` : text);

/** What the issue says was expected, as a noun phrase (`a number at most 0.9`), when zod's issue says it. */
const expectation = (issue: Issue): string | undefined => {
  switch (issue.code) {
    case 'invalid_type':
      return typeName(issue.expected);
    case 'invalid_value':
      return issue.values.length === 1 ? formatValue(issue.values[0]) : `one of ${issue.values.map(formatValue).join(', ')}`;
    case 'too_small':
    case 'too_big': {
      const small = issue.code === 'too_small';
      const bound = small ? issue.minimum : issue.maximum;
      const unit = SIZE_UNITS[issue.origin];
      if (unit) return `${issue.exact ? 'exactly' : small ? 'at least' : 'at most'} ${count(bound, unit)}`;
      const relation = issue.exact ? 'exactly' : small ? (issue.inclusive ? 'at least' : 'greater than') : issue.inclusive ? 'at most' : 'less than';
      return `${typeName(issue.origin)} ${relation} ${String(bound)}`;
    }
    case 'not_multiple_of':
      return `a multiple of ${String(issue.divisor)}`;
    case 'invalid_format': {
      const f = issue as z.core.$ZodIssueInvalidStringFormat & { prefix?: string; suffix?: string; includes?: string };
      if (f.format === 'regex' && f.pattern) return `text matching ${f.pattern}`;
      if (f.format === 'starts_with') return `text starting with ${JSON.stringify(f.prefix)}`;
      if (f.format === 'ends_with') return `text ending with ${JSON.stringify(f.suffix)}`;
      if (f.format === 'includes') return `text containing ${JSON.stringify(f.includes)}`;
      return FORMATS[f.format] ?? `a valid ${f.format}`;
    }
    default:
      return undefined;
  }
};

/** A custom message that states an expectation, as the schema's own `expected a function` does. */
const customExpectation = (message: string): string | undefined => (message.startsWith('expected ') ? message.slice('expected '.length) : undefined);

/** A type zod names: ours in words, a class (`z.instanceof(URL)` expects "URL") with its article. */
const typeName = (type: string): string => TYPE_NAMES[type] ?? (/^[A-Z]/.test(type) ? `${/^[AEIO]/.test(type) ? 'an' : 'a'} ${type}` : type);

/** A union all of whose alternatives failed at its own level: `a whole number at least 1 or "auto"`. */
const unionExpectation = (issue: Extract<Issue, { code: 'invalid_union' }>): string | undefined => {
  const phrases: string[] = [];
  for (const alternative of issue.errors) {
    const [only, ...more] = alternative;
    if (!only || more.length > 0 || only.path.length > 0) return undefined;
    const phrase =
      only.code === 'invalid_union' ? unionExpectation(only) : isDefaultMessage(only) ? expectation(only) : customExpectation(only.message);
    if (phrase === undefined) return undefined;
    phrases.push(phrase);
  }
  return phrases.length > 0 ? phrases.join(' or ') : undefined;
};

/** How the value at the issue's path is shown after "got". Sizes are counted for lists. */
const got = (issue: Issue, value: unknown): string => {
  if ((issue.code === 'too_small' || issue.code === 'too_big') && Array.isArray(value)) return String(value.length);
  return formatValue(value);
};

/** The value at a path; an absent key is found as undefined (a missing option), a path through a non-object is not found. */
const valueAt = (input: unknown, path: readonly PropertyKey[]): { found: boolean; value?: unknown } => {
  let value = input;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return { found: false };
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return { found: true, value };
};

/**
 * One issue in plain words. `input` is the whole value that was parsed, to show what was given at
 * the issue's path (an issue carries its input only when parsed with `reportInput`).
 */
export const describeZodIssue = (issue: Issue, input?: unknown): string => {
  const at = input === undefined ? { found: 'input' in issue, value: (issue as { input?: unknown }).input } : valueAt(input, issue.path);
  if (issue.code === 'unrecognized_keys') {
    return `unknown option${issue.keys.length === 1 ? '' : 's'} ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}`;
  }
  if (!isDefaultMessage(issue)) return issue.message;
  const expected = issue.code === 'invalid_union' ? unionExpectation(issue) : expectation(issue);
  if (expected === undefined) return at.found ? `${issue.message}, got ${formatValue(at.value)}` : issue.message;
  if (at.found && at.value === undefined) return `missing (expected ${expected})`;
  return at.found ? `expected ${expected}, got ${got(issue, at.value)}` : `expected ${expected}`;
};
