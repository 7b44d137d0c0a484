import { z } from 'zod';
import { expect, test } from 'vitest';
import { describeOptions, typeOf } from '../../src/pipeline/option-docs.js';

test('types read as a user writes them, bounds only at the top', () => {
  expect(typeOf(z.int().min(1))).toBe('int >= 1');
  expect(typeOf(z.number().int().min(3).max(50))).toBe('int 3..50');
  expect(typeOf(z.number().gt(0).lt(1))).toBe('number > 0, < 1');
  expect(typeOf(z.int().min(16).max(1024).multipleOf(4))).toBe('int 16..1024, multiple of 4');
  expect(typeOf(z.coerce.number().min(0).max(0.9).default(0.15))).toBe('number 0..0.9');
  expect(typeOf(z.enum(['lines', 'collapse']).default('lines'))).toBe("'lines' | 'collapse'");
  expect(typeOf(z.union([z.int().min(1), z.literal(false), z.null()]))).toBe('int | false | null');
  expect(typeOf(z.array(z.union([z.string(), z.instanceof(URL).meta({ type: 'URL' })])))).toBe('(string | URL)[]');
  expect(typeOf(z.record(z.string(), z.number().min(0)))).toBe('Record<string, number>');
  expect(typeOf(z.url())).toBe('url');
  expect(typeOf(z.string().transform((s) => s.split(',')))).toBe('string');
  expect(typeOf(z.strictObject({ path: z.string(), optional: z.boolean().default(false) }))).toBe('{ path: string; optional?: boolean }');
});

test('a function option renders as its declared type, or as "custom" when it declares none', () => {
  const fn = z.custom<() => string>((v) => typeof v === 'function');
  expect(typeOf(fn.meta({ type: '(data) => string' }))).toBe('(data) => string');
  expect(typeOf(fn)).toBe('custom');
});

test('options: description, default as JSON, what absence means, required; nested object fields follow their parent', () => {
  const schema = z
    .strictObject({
      fields: z.array(z.string()).optional().meta({ description: 'Fields to read.', whenAbsent: 'every string field' }),
      mode: z.enum(['redact', 'drop']).describe('What to do.'),
      minChars: z.int().min(1).default(1).describe('Shortest text.'),
      robots: z.boolean().default(true).describe('Respect robots.txt.'),
      note: z.string().optional(),
      language: z
        .union([z.strictObject({ allow: z.array(z.string()).default(['en']).describe('Kept.') }), z.literal(false)])
        .default({ allow: ['en'] })
        .describe('Language rule.'),
    })
    .refine(() => true);
  expect(describeOptions(schema)).toEqual([
    { path: 'fields', type: 'string[]', required: false, whenAbsent: 'every string field', description: 'Fields to read.' },
    { path: 'mode', type: "'redact' | 'drop'", required: true, description: 'What to do.' },
    { path: 'minChars', type: 'int >= 1', required: false, default: '1', description: 'Shortest text.' },
    { path: 'robots', type: 'boolean', required: false, default: 'true', description: 'Respect robots.txt.' },
    { path: 'note', type: 'string', required: false, description: '' },
    { path: 'language', type: '{ allow?: string[] } | false', required: false, default: '{"allow":["en"]}', description: 'Language rule.' },
    { path: 'language.allow', type: 'string[]', required: false, default: '["en"]', description: 'Kept.' },
  ]);
});

test('a description on the inner schema is found behind the default wrapper', () => {
  expect(describeOptions(z.object({ n: z.int().describe('Inner.').default(2) }))).toEqual([
    { path: 'n', type: 'int', required: false, default: '2', description: 'Inner.' },
  ]);
});
