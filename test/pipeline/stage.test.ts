import { expect, test } from 'vitest';
import { z } from 'zod';
import { ConfigError } from '../../src/pipeline/errors.js';
import { pipeline } from '../../src/pipeline/pipeline.js';
import { defineFilter } from '../../src/pipeline/stage.js';
import { item, runStage } from '../helpers/run-stage.js';

const minLength = defineFilter('min-length', z.strictObject({ min: z.int().min(1) }), (it: ReturnType<typeof item<string>>, o) =>
  it.data.length >= o.min ? true : { code: 'too_short', detail: { chars: it.data.length } },
);

test('a bad option fails when the stage is declared, naming the stage and the option path', () => {
  expect(() => minLength({ min: 0 })).toThrow(ConfigError);
  expect(() => minLength({ min: 0 })).toThrow(expect.objectContaining({ message: 'stage "min-length": option min: expected a number at least 1, got 0' }));
  expect(() => minLength({ min: 2, extra: true } as never)).toThrow(expect.objectContaining({ message: 'stage "min-length": unknown option "extra"' }));
});

test('a filter keeps or drops with its code and detail, and the ledger balances', async () => {
  const { out, drops, counters } = await runStage(minLength({ min: 3 }), [item('a', 'hello'), item('b', 'hi')]);
  expect(out.map((o) => o.id)).toEqual(['a']);
  expect(drops).toEqual([{ id: 'b', code: 'too_short', detail: { chars: 2 }, source: { uri: 'test://fixture', line: 1 } }]);
  expect(counters.balanced()).toBe(true);
});

test('pipeline names and train settings are validated at declaration', () => {
  expect(() => pipeline('Bad Name', { model: 'm' })).toThrow(expect.objectContaining({ message: 'pipeline: option name: expected a kebab-case name (lower-case letters, digits and -), got "Bad Name"' }));
  const p = pipeline('ok', { model: 'm' }).from(minLength({ min: 1 }) as never);
  expect(() => p.train({ epochs: 0 })).toThrow(expect.objectContaining({ message: 'pipeline "ok": option train.epochs: expected a number at least 1, got 0' }));
  expect(p.train({ epochs: 3 }).training).toEqual({ epochs: 3 });
});
