import { expect, test } from 'vitest';
import { z } from 'zod';
import { ConfigError, SourceError, UsageError } from '../../src/pipeline/errors.js';

const zodError = (schema: z.ZodType, input: unknown) => schema.safeParse(input).error!;
const Split = z.strictObject({ validation: z.number().max(0.9), seed: z.number() });

test('stage options: the stage, the option path and the value given, in plain words', () => {
  const error = ConfigError.fromZod('split', zodError(Split, { validation: 2, seed: 1 }), { input: { validation: 2, seed: 1 } });
  expect(error.message).toBe('stage "split": option validation: expected a number at most 0.9, got 2');
  expect(error.issues).toEqual([{ path: 'validation', message: 'expected a number at most 0.9, got 2' }]);
  expect(error.exitCode).toBe(1);
});

test('several problems are listed in order; an unknown option is named', () => {
  const input = { validation: 'a lot', colour: 'red' };
  expect(ConfigError.fromZod('split', zodError(Split, input), { input }).message).toBe(
    'stage "split": option validation: expected a number, got "a lot"; option seed: missing (expected a number); unknown option "colour"',
  );
});

test('a prefix is a pipeline-level option: the subject is the pipeline', () => {
  const Train = z.strictObject({ epochs: z.int().min(1) });
  expect(ConfigError.fromZod('ar-lsat', zodError(Train, { epochs: 0 }), 'train').message).toBe('pipeline "ar-lsat": option train.epochs: expected a number at least 1');
  expect(ConfigError.fromZod('ar-lsat', zodError(Train, { epochs: 0 }), { prefix: 'train', input: { epochs: 0 } }).message).toBe(
    'pipeline "ar-lsat": option train.epochs: expected a number at least 1, got 0',
  );
  expect(ConfigError.fromZod('model-table', zodError(Train, { epochs: 0 }), { prefix: 'models.x', subject: 'pipeline' }).message).toBe(
    'pipeline: option models.x.epochs: expected a number at least 1',
  );
});

test('hand-made issues keep their words; a root issue has no option path', () => {
  expect(new ConfigError('scrape', [{ path: 'render', message: 'needs chromium' }]).message).toBe('stage "scrape": option render: needs chromium');
  expect(new ConfigError('demo', [{ path: '', message: 'no stages' }], { subject: 'pipeline "demo"' }).message).toBe('pipeline "demo": no stages');
});

test('a source that was never reached says "could not connect to" the URL', () => {
  expect(new SourceError('http://127.0.0.1:1/x.jsonl', 'connection refused', { unreachable: true }).message).toBe('could not connect to http://127.0.0.1:1/x.jsonl: connection refused');
  expect(new SourceError('data.json', 'file not found').message).toBe('data.json: file not found');
  expect(new UsageError('x').exitCode).toBe(2);
});
