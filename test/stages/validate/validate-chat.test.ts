import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { ConfigError } from '../../../src/pipeline/errors.js';
import type { TrainingExample } from '../../../src/stages/format/chat-example.js';
import { validateChat } from '../../../src/stages/validate/validate-chat.js';
import { item, runStage } from '../../helpers/run-stage.js';

const fixture = (name: string) => new URL(`../../../fixtures/chat/${name}`, import.meta.url).pathname;
const good = (q: string): TrainingExample => ({ messages: [{ role: 'user', content: q }, { role: 'assistant', content: 'Water it weekly.' }] });
const dpo: TrainingExample = {
  input: { messages: [{ role: 'user', content: 'Water a fern?' }] },
  preferred_output: [{ role: 'assistant', content: 'Weekly.' }],
  non_preferred_output: [{ role: 'assistant', content: 'Never.' }],
};

test('drops invalid examples with the first issue as code and every issue as detail', async () => {
  const noAnswer = { messages: [{ role: 'user', content: 'Water a fern?' }, { role: 'bot', content: 'Weekly.' }] };
  const run = await runStage(validateChat<unknown>(), [item('a', good('Water a fern?')), item('b', noAnswer), item('c', { messages: [] }), item('d', good('Water a cactus?'))]);
  expect(run.out.map((o) => o.id)).toEqual(['a', 'd']);
  expect(run.drops).toEqual([
    {
      id: 'b',
      code: 'unrecognized_role',
      detail: [
        { category: 'unrecognized_role', message: 'role "bot" is not one of system, user, assistant, tool, function', path: 'messages[1].role' },
        { category: 'example_missing_assistant_message', message: 'example has no assistant message' },
      ],
      source: { uri: 'test://fixture', line: 1 },
    },
    { id: 'c', code: 'missing_messages_list', detail: [{ category: 'missing_messages_list', message: 'messages is empty', path: 'messages' }], source: { uri: 'test://fixture', line: 1 } },
  ]);
  expect(run.counters).toMatchObject({ in: 4, out: 2, dropped: 2, errored: 0 });
  expect(Object.fromEntries(run.counters.droppedByCode)).toEqual({ unrecognized_role: 1, missing_messages_list: 1 });
  expect(run.counters.balanced()).toBe(true);
});

test('the first valid example fixes the format; the other format is dropped as mixed_formats', async () => {
  const run = await runStage(validateChat<TrainingExample>(), [item('a', good('Water a fern?')), item('b', dpo), item('c', good('Water a cactus?'))]);
  expect(run.out.map((o) => o.id)).toEqual(['a', 'c']);
  expect(run.drops.map((d) => [d.id, d.code, d.detail])).toEqual([['b', 'mixed_formats', [{ category: 'mixed_formats', message: 'a preference example in a run of chat examples' }]]]);
  expect(run.counters.balanced()).toBe(true);
});

test('bad options fail when the stage is declared', () => {
  expect(() => validateChat({ minExamples: 2.5 })).toThrow(ConfigError);
  expect(() => validateChat({ minExamples: -1 })).toThrow(expect.objectContaining({ message: 'stage "validate-chat": option minExamples: expected a number at least 0, got -1' }));
  expect(() => validateChat({ min: 3 } as never)).toThrow(ConfigError);
  expect(validateChat().options).toEqual({ minExamples: 10 });
});

const runDir = () => mkdtempSync(join(tmpdir(), 'tuneset-validate-run-'));
const afterWrite = async (splits: Record<string, string>, options?: { minExamples: number }) => {
  const stage = validateChat(options);
  const { ctx } = await runStage(stage);
  return stage.afterWrite!({ runDir: '', meta: '', splits }, ctx);
};

test('afterWrite validates the written train and validation files into the report section', async () => {
  const dir = runDir();
  copyFileSync(fixture('valid-sft.jsonl'), join(dir, 'train.jsonl'));
  writeFileSync(join(dir, 'validation.jsonl'), `${JSON.stringify(good('Water a fern?'))}\n`);
  const report = await afterWrite({ train: join(dir, 'train.jsonl'), validation: join(dir, 'validation.jsonl') });
  expect(report).toEqual({
    train: { ok: true, examples: 12, errors: 0, countsByCategory: {}, format: 'chat', firstErrors: [] },
    validation: { ok: true, examples: 1, errors: 0, countsByCategory: {}, format: 'chat', firstErrors: [] },
    format: 'chat',
    ok: true,
  });
});

test('afterWrite: a short train file fails with invalid_n_examples; validation has no minimum', async () => {
  const dir = runDir();
  copyFileSync(fixture('invalid-n-examples.jsonl'), join(dir, 'train.jsonl'));
  copyFileSync(fixture('invalid-n-examples.jsonl'), join(dir, 'validation.jsonl'));
  const report = await afterWrite({ validation: join(dir, 'validation.jsonl'), train: join(dir, 'train.jsonl') });
  expect(report).toEqual({
    train: {
      ok: false,
      examples: 3,
      errors: 1,
      countsByCategory: { invalid_n_examples: 1 },
      format: 'chat',
      firstErrors: [{ line: null, category: 'invalid_n_examples', message: 'Training file has 3 example(s), but must have at least 10 examples' }],
    },
    validation: { ok: true, examples: 3, errors: 0, countsByCategory: {}, format: 'chat', firstErrors: [] },
    format: 'chat',
    ok: false,
  });
  expect(await afterWrite({ train: join(dir, 'train.jsonl') }, { minExamples: 3 })).toMatchObject({ train: { ok: true }, ok: true });
});

test('afterWrite: bad lines in a written file are listed with their line numbers', async () => {
  const dir = runDir();
  copyFileSync(fixture('invalid-weight.jsonl'), join(dir, 'validation.jsonl'));
  copyFileSync(fixture('valid-sft.jsonl'), join(dir, 'train.jsonl'));
  const report = await afterWrite({ train: join(dir, 'train.jsonl'), validation: join(dir, 'validation.jsonl') });
  expect(report).toMatchObject({
    validation: { ok: false, errors: 1, countsByCategory: { invalid_weight: 1 }, firstErrors: [{ line: 8, category: 'invalid_weight', path: 'messages[2].weight' }] },
    ok: false,
  });
});

test('afterWrite: no train file at all, or train and validation in different formats, fail', async () => {
  const dir = runDir();
  copyFileSync(fixture('valid-dpo.jsonl'), join(dir, 'validation.jsonl'));
  expect(await afterWrite({ validation: join(dir, 'validation.jsonl') })).toMatchObject({
    train: { ok: false, examples: 0, errors: 1, countsByCategory: { invalid_n_examples: 1 }, format: 'empty' },
    validation: { ok: true, format: 'preference' },
    format: 'preference',
    ok: false,
  });
  copyFileSync(fixture('valid-sft.jsonl'), join(dir, 'train.jsonl'));
  expect(await afterWrite({ train: join(dir, 'train.jsonl'), validation: join(dir, 'validation.jsonl') })).toMatchObject({
    train: { ok: true },
    validation: { ok: true },
    format: 'mixed',
    ok: false,
  });
});
