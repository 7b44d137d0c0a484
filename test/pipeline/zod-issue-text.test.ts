import { expect, test } from 'vitest';
import { z } from 'zod';
import { describeZodIssue, formatValue } from '../../src/pipeline/zod-issue-text.js';

/** The plain text of every issue of parsing `input`, as `path: text`. */
const texts = (schema: z.ZodType, input: unknown, withInput = true) =>
  schema.safeParse(input).error!.issues.map((i) => `${i.path.join('.')}: ${describeZodIssue(i, withInput ? input : undefined)}`);

const one = (schema: z.ZodType, value: unknown) => texts(z.strictObject({ o: schema }), { o: value });

test.each([
  ['a wrong type, with the value given', z.number(), 'abc', 'o: expected a number, got "abc"'],
  ['a coerced number shows what was typed, not NaN', z.coerce.number(), 'abc', 'o: expected a number, got "abc"'],
  ['a whole number', z.int(), 2.5, 'o: expected a whole number, got 2.5'],
  ['true or false', z.boolean(), 'yes', 'o: expected true or false, got "yes"'],
  ['an array given an object', z.array(z.string()), { a: 1 }, 'o: expected an array, got {"a":1}'],
  ['a class', z.instanceof(URL), 'x', 'o: expected a URL, got "x"'],
  ['at most, inclusive', z.number().max(0.9), 2, 'o: expected a number at most 0.9, got 2'],
  ['less than, exclusive', z.number().lt(1), 1, 'o: expected a number less than 1, got 1'],
  ['at least, inclusive', z.number().min(1), 0, 'o: expected a number at least 1, got 0'],
  ['greater than, exclusive', z.number().positive(), 0, 'o: expected a number greater than 0, got 0'],
  ['a string too short', z.string().min(3), 'ab', 'o: expected at least 3 characters, got "ab"'],
  ['a string too long', z.string().max(1), 'ab', 'o: expected at most 1 character, got "ab"'],
  ['an array too short counts its items', z.array(z.string()).min(1), [], 'o: expected at least 1 item, got 0'],
  ['an exact length', z.array(z.number()).length(2), [1], 'o: expected exactly 2 items, got 1'],
  ['an enum lists the allowed values', z.enum(['first', 'all']), 'last', 'o: expected one of "first", "all", got "last"'],
  ['a literal', z.literal('auto'), 'manual', 'o: expected "auto", got "manual"'],
  ['a multiple', z.number().multipleOf(5), 7, 'o: expected a multiple of 5, got 7'],
  ['a pattern', z.string().regex(/^a+$/), 'b', 'o: expected text matching /^a+$/, got "b"'],
  ['a URL', z.url(), 'nope', 'o: expected a URL, got "nope"'],
  ['a prefix', z.string().startsWith('sk-'), 'x', 'o: expected text starting with "sk-", got "x"'],
  ['a union names each alternative', z.union([z.string(), z.array(z.string())]), 5, 'o: expected a string or an array, got 5'],
  ['nested unions and literals', z.union([z.union([z.string(), z.instanceof(URL)]), z.literal(false)]), 5, 'o: expected a string or a URL or false, got 5'],
  ['a missing option', z.string(), undefined, 'o: missing (expected a string)'],
  ['a custom message is kept as it is', z.number().refine((n) => n > 100, 'must be over 100'), 3, 'o: must be over 100'],
  ['a custom message on a built-in check is kept too', z.array(z.string()).min(1, 'map at least one field'), [], 'o: map at least one field'],
  ['a long value is cut', z.number(), 'x'.repeat(100), `o: expected a number, got "${'x'.repeat(56)}...`],
])('%s', (_name, schema, value, expected) => {
  expect(one(schema, value)).toEqual([expected]);
});

test('unknown keys are named', () => {
  expect(texts(z.strictObject({ a: z.number() }), { a: 1, colour: 'red' })).toEqual([': unknown option "colour"']);
  expect(texts(z.strictObject({}), { x: 1, y: 2 })).toEqual([': unknown options "x", "y"']);
});

test('nested paths find their value', () => {
  expect(texts(z.strictObject({ train: z.strictObject({ epochs: z.int().max(50) }) }), { train: { epochs: 99 } })).toEqual([
    'train.epochs: expected a number at most 50, got 99',
  ]);
});

test('without the input, only what was expected (the value is unknown)', () => {
  expect(texts(z.strictObject({ o: z.number().max(1) }), { o: 2 }, false)).toEqual(['o: expected a number at most 1']);
  // parsed with reportInput, the issue carries its value
  const issue = z.number().max(1).safeParse(2, { reportInput: true }).error!.issues[0]!;
  expect(describeZodIssue(issue)).toBe('expected a number at most 1, got 2');
});

test('values are shown as given', () => {
  expect([formatValue('a"b'), formatValue(3), formatValue(null), formatValue(() => 1), formatValue(new URL('https://x.test/a')), formatValue(10n)]).toEqual([
    '"a\\"b"',
    '3',
    'null',
    'a function',
    'URL "https://x.test/a"',
    '10n',
  ]);
});
