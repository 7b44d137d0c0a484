import { expect, test } from 'vitest';
import { checkExample, exampleFormat } from '../../../src/stages/validate/check-example.js';

const SYSTEM = { role: 'system', content: 'You answer plant questions.' };
const USER = { role: 'user', content: 'Can a cactus live in a bathroom?' };
const good = [{ role: 'assistant', content: 'Only a bright one: it needs sun more than it minds humidity.' }];
const bad = [{ role: 'assistant', content: 'Yes, cacti love dark, damp rooms.' }];
const dpo = (extra: Record<string, unknown> = {}) => ({ input: { messages: [SYSTEM, USER] }, preferred_output: good, non_preferred_output: bad, ...extra });

test('a DPO example with one assistant message per output is valid', () => {
  expect(checkExample(dpo())).toEqual([]);
  expect(checkExample(dpo({ input: { messages: [USER], tools: [], parallel_tool_calls: true } }))).toEqual([]);
});

test('exampleFormat tells SFT from DPO lines', () => {
  expect(exampleFormat(dpo())).toBe('preference');
  expect(exampleFormat({ messages: [USER] })).toBe('chat');
  expect(exampleFormat({ preferred_completion: good })).toBe('preference');
  expect(exampleFormat({})).toBe('chat');
  expect(exampleFormat([])).toBeUndefined();
});

test('invalid_preference: input missing or not an object', () => {
  expect(checkExample({ preferred_output: good, non_preferred_output: bad })).toEqual([{ category: 'invalid_preference', message: 'input is missing', path: 'input' }]);
  expect(checkExample(dpo({ input: [USER] }))).toEqual([{ category: 'invalid_preference', message: 'input must be an object with messages, got array', path: 'input' }]);
});

test('missing_messages_list: input.messages absent or empty', () => {
  expect(checkExample(dpo({ input: {} }))).toEqual([{ category: 'missing_messages_list', message: 'input.messages is missing', path: 'input.messages' }]);
  expect(checkExample(dpo({ input: { messages: [] } }))).toEqual([{ category: 'missing_messages_list', message: 'input.messages is empty', path: 'input.messages' }]);
});

test('invalid_preference: each output is exactly one assistant message', () => {
  expect(checkExample(dpo({ preferred_output: [...good, ...good] }))).toEqual([
    { category: 'invalid_preference', message: 'preferred_output must hold exactly one assistant message, got 2', path: 'preferred_output' },
  ]);
  expect(checkExample(dpo({ non_preferred_output: undefined }))).toEqual([{ category: 'invalid_preference', message: 'non_preferred_output is missing', path: 'non_preferred_output' }]);
  expect(checkExample(dpo({ non_preferred_output: bad[0] }))).toEqual([
    { category: 'invalid_preference', message: 'non_preferred_output must be an array holding one assistant message, got object', path: 'non_preferred_output' },
  ]);
  expect(checkExample(dpo({ preferred_output: [{ role: 'user', content: 'x' }] }))).toEqual([
    { category: 'invalid_preference', message: 'preferred_output[0] must be an assistant message, got role "user"', path: 'preferred_output[0].role' },
  ]);
});

test('invalid_preference: outputs are text only', () => {
  const toolCall = { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'lookup', arguments: '{}' } }] };
  expect(checkExample(dpo({ preferred_output: [toolCall] }))).toEqual([
    { category: 'invalid_preference', message: 'preference outputs are text only: no tool_calls or function_call', path: 'preferred_output[0]' },
  ]);
  const pictured = { role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://img.example.org/cactus.png' } }] };
  expect(checkExample(dpo({ input: { messages: [pictured] } }))).toEqual([
    { category: 'invalid_preference', message: 'preference examples are text only; images are not supported', path: 'input.messages[0].content[0]' },
  ]);
});

test('invalid_preference: the input must stop before the final assistant turn', () => {
  expect(checkExample(dpo({ input: { messages: [USER, good[0]] } }))).toEqual([
    { category: 'invalid_preference', message: 'input ends with an assistant message; the outputs must be the final assistant turn', path: 'input.messages[1]' },
  ]);
  expect(checkExample(dpo({ input: { messages: [USER, good[0], USER] } }))).toEqual([]);
});

test('invalid_preference: identical outputs teach nothing', () => {
  expect(checkExample(dpo({ non_preferred_output: good }))).toEqual([
    { category: 'invalid_preference', message: 'preferred_output and non_preferred_output have the same content' },
  ]);
});

test('invalid_weight: DPO messages take no weight', () => {
  expect(checkExample(dpo({ preferred_output: [{ ...good[0], weight: 1 }] }))).toEqual([
    { category: 'invalid_weight', message: 'weight applies only to supervised (messages) examples, not preference examples', path: 'preferred_output[0].weight' },
  ]);
});

test('message rules apply inside DPO messages', () => {
  expect(checkExample(dpo({ preferred_output: [{ role: 'assistant', content: '' }] }))).toEqual([
    { category: 'missing_content', message: 'assistant message content is empty', path: 'preferred_output[0].content' },
  ]);
  expect(checkExample(dpo({ input: { messages: [{ role: 'developer', content: 'Be brief.' }, USER] } }))).toEqual([
    { category: 'unrecognized_role', message: 'role "developer" is accepted only for reinforcement fine-tuning; use "system"', path: 'input.messages[0].role' },
  ]);
});

test('unrecognized_example_key: keys OpenAI does not take, with hints for old names', () => {
  expect(checkExample(dpo({ id: 'q1' }))).toEqual([{ category: 'unrecognized_example_key', message: 'unrecognized key "id"', path: 'id' }]);
  expect(checkExample(dpo({ input: { messages: [USER], meta: {} } }))).toEqual([{ category: 'unrecognized_example_key', message: 'unrecognized key "meta"', path: 'input.meta' }]);
  const renamed = { input: { messages: [USER] }, preferred_completion: good, non_preferred_output: bad };
  expect(checkExample(renamed)).toEqual([
    { category: 'invalid_preference', message: 'preferred_output is missing', path: 'preferred_output' },
    { category: 'unrecognized_example_key', message: 'unrecognized key "preferred_completion": the DPO key is now "preferred_output"', path: 'preferred_completion' },
  ]);
  expect(checkExample({ prompt: 'Fern care?', completion: 'Water weekly.' })).toEqual([
    { category: 'missing_messages_list', message: 'messages is missing', path: 'messages' },
    { category: 'unrecognized_example_key', message: 'unrecognized key "prompt": the prompt/completion format is for babbage-002 and davinci-002 only', path: 'prompt' },
    { category: 'unrecognized_example_key', message: 'unrecognized key "completion": the prompt/completion format is for babbage-002 and davinci-002 only', path: 'completion' },
  ]);
});

test('issues come most fundamental first: messages before extra keys', () => {
  const issues = checkExample({ messages: [USER], meta: { source: 'faq' } });
  expect(issues.map((i) => i.category)).toEqual(['example_missing_assistant_message', 'unrecognized_example_key']);
});
