import { expect, test } from 'vitest';
import { promptExcerpt, promptKey, promptSide } from '../../src/pipeline/prompt-key.js';

const system = { role: 'system', content: 'Answer with a letter.' };
const user = (content: string) => ({ role: 'user', content });
const assistant = (content: string) => ({ role: 'assistant', content });

test('the prompt side of a chat line is every message but the trailing assistant answers', () => {
  expect(promptSide({ messages: [system, user('Q'), assistant('A')] })).toEqual([system, user('Q')]);
  const toolTurn = { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'f', arguments: '{}' } }] };
  const toolResult = { role: 'tool', tool_call_id: 'c1', content: '1' };
  // An earlier assistant turn is part of what the model sees before the final answer.
  expect(promptSide({ messages: [user('Q'), toolTurn, toolResult, assistant('A'), assistant('A again')] })).toEqual([user('Q'), toolTurn, toolResult]);
  expect(promptSide({ messages: [user('Q1'), assistant('A1'), user('Q2'), assistant('A2')] })).toEqual([user('Q1'), assistant('A1'), user('Q2')]);
});

test('the prompt side of a DPO line is its input messages; of anything else the whole record', () => {
  const dpo = { input: { messages: [user('Q')], tools: [] }, preferred_output: [assistant('good')], non_preferred_output: [assistant('bad')] };
  expect(promptSide(dpo)).toEqual([user('Q')]);
  expect(promptSide({ text: 'plain' })).toEqual({ text: 'plain' });
  expect(promptSide('x')).toBe('x');
});

test('the key ignores the answer, case and whitespace, and nothing else', () => {
  const key = promptKey({ messages: [system, user('Which house is\nfirst?'), assistant('A')] });
  expect(promptKey({ messages: [system, user('which HOUSE is  first?'), assistant('B')] })).toBe(key);
  expect(promptKey({ input: { messages: [system, user('Which house is first?')] }, preferred_output: [], non_preferred_output: [] })).toBe(key);
  expect(promptKey({ messages: [system, user('Which house is last?'), assistant('A')] })).not.toBe(key);
  expect(promptKey({ messages: [user('Which house is first?'), assistant('A')] })).not.toBe(key);
  expect(key).toMatch(/^[A-Za-z0-9+/]{16}$/);
});

test('an excerpt names the last prompt message, its start and end when long', () => {
  expect(promptExcerpt({ messages: [system, user('Which  house\nis first?'), assistant('A')] })).toBe('Which house is first?');
  const long = `Passage: ${'x'.repeat(200)} Question: which one is first?`;
  expect(promptExcerpt({ messages: [user(long), assistant('A')] })).toBe(`Passage: ${'x'.repeat(31)} ... ${'x'.repeat(10)} Question: which one is first?`);
  expect(promptExcerpt({ text: 'plain' })).toBe('{"text":"plain"}');
});
