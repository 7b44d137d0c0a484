import { expect, test } from 'vitest';
import { checkExample } from '../../../src/stages/validate/check-example.js';

const SYSTEM = { role: 'system', content: 'You answer plant questions.' };
const USER = { role: 'user', content: 'How often should I water a fern?' };
const ANSWER = { role: 'assistant', content: 'Keep the soil lightly moist; water when the top centimetre is dry.' };
const chat = (...messages: unknown[]) => ({ messages });
const call = (id: string, name = 'lookup', args = '{"q":"fern"}') => ({ id, type: 'function', function: { name, arguments: args } });
const categories = (value: unknown) => checkExample(value).map((i) => i.category);

test('a plain system/user/assistant example has no issues', () => {
  expect(checkExample(chat(SYSTEM, USER, ANSWER))).toEqual([]);
});

test('data_type: the example is not an object', () => {
  expect(checkExample(null)).toEqual([{ category: 'data_type', message: 'example must be a JSON object, got null' }]);
  expect(checkExample([USER])).toEqual([{ category: 'data_type', message: 'example must be a JSON object, got array' }]);
  expect(categories('text')).toEqual(['data_type']);
});

test('data_type: a message is not an object', () => {
  expect(checkExample(chat('hello', ANSWER))).toEqual([{ category: 'data_type', message: 'message must be a JSON object, got string', path: 'messages[0]' }]);
});

test('missing_messages_list: absent, not an array, or empty', () => {
  expect(checkExample({})).toEqual([{ category: 'missing_messages_list', message: 'messages is missing', path: 'messages' }]);
  expect(checkExample({ messages: 'hi' })).toEqual([{ category: 'missing_messages_list', message: 'messages must be an array, got string', path: 'messages' }]);
  expect(checkExample({ messages: [] })).toEqual([{ category: 'missing_messages_list', message: 'messages is empty', path: 'messages' }]);
});

test('message_missing_key: no role, no content, tool without tool_call_id, function without name', () => {
  expect(checkExample(chat({ content: 'hi' }, ANSWER))).toEqual([{ category: 'message_missing_key', message: 'message has no role', path: 'messages[0]' }]);
  expect(checkExample(chat({ role: 'user' }, ANSWER))).toEqual([{ category: 'message_missing_key', message: 'user message has no content', path: 'messages[0]' }]);
  expect(checkExample(chat(USER, { role: 'assistant', tool_calls: [call('c1')] }, { role: 'tool', content: 'ok' }, ANSWER))).toEqual([
    { category: 'message_missing_key', message: 'tool message has no tool_call_id', path: 'messages[2]' },
  ]);
  expect(checkExample(chat(USER, { role: 'function', content: 'ok' }, ANSWER))).toEqual([
    { category: 'message_missing_key', message: 'function message has no name', path: 'messages[1]' },
  ]);
});

test('message_unrecognized_key: a key the role does not take', () => {
  expect(checkExample(chat({ ...USER, tool_calls: [call('c1')], source: 'faq' }, ANSWER))).toEqual([
    { category: 'message_unrecognized_key', message: 'user message has unrecognized key(s) "tool_calls", "source"', path: 'messages[0]' },
  ]);
  expect(categories(chat({ role: 'user', content: [{ type: 'text', text: 'hi', lang: 'en' }] }, ANSWER))).toEqual(['message_unrecognized_key']);
});

test('unrecognized_role: unknown roles, and developer, which only RFT takes', () => {
  expect(checkExample(chat({ role: 'bot', content: 'hi' }, ANSWER))).toEqual([
    { category: 'unrecognized_role', message: 'role "bot" is not one of system, user, assistant, tool, function', path: 'messages[0].role' },
  ]);
  expect(checkExample(chat({ role: 'developer', content: 'Be brief.' }, USER, ANSWER))).toEqual([
    { category: 'unrecognized_role', message: 'role "developer" is accepted only for reinforcement fine-tuning; use "system"', path: 'messages[0].role' },
  ]);
});

test('missing_content: empty, null, wrong type, empty array, unsupported or empty parts', () => {
  expect(checkExample(chat(USER, { role: 'assistant', content: '' }))).toEqual([
    { category: 'missing_content', message: 'assistant message content is empty', path: 'messages[1].content' },
  ]);
  expect(checkExample(chat(USER, { role: 'assistant', content: null }))).toEqual([
    { category: 'missing_content', message: 'assistant message content is null', path: 'messages[1].content' },
  ]);
  expect(checkExample(chat({ role: 'user', content: 42 }, ANSWER))).toEqual([
    { category: 'missing_content', message: 'user message content must be a string or an array of content parts, got number', path: 'messages[0].content' },
  ]);
  expect(checkExample(chat({ role: 'user', content: [] }, ANSWER))).toEqual([
    { category: 'missing_content', message: 'user message content is an empty array', path: 'messages[0].content' },
  ]);
  expect(checkExample(chat({ role: 'user', content: [{ type: 'input_audio', input_audio: {} }] }, ANSWER))).toEqual([
    { category: 'missing_content', message: 'content part type "input_audio" is not supported for fine-tuning (text or image_url)', path: 'messages[0].content[0].type' },
  ]);
  expect(checkExample(chat({ role: 'user', content: [{ type: 'text', text: '' }] }, ANSWER))).toEqual([
    { category: 'missing_content', message: 'text part has no text', path: 'messages[0].content[0].text' },
  ]);
  expect(checkExample(chat(USER, { role: 'function', name: 'lookup', content: [{ type: 'text', text: 'x' }] }, ANSWER))).toEqual([
    { category: 'missing_content', message: 'function message content must be a string, got array', path: 'messages[1].content' },
  ]);
});

test('text parts are accepted in system, user, assistant and tool content', () => {
  const parts = (text: string) => [{ type: 'text', text }];
  expect(checkExample(chat({ role: 'system', content: parts('Be brief.') }, { role: 'user', content: parts('Hi') }, { role: 'assistant', content: parts('Hello') }))).toEqual([]);
});

test('example_missing_assistant_message: no assistant message, or only weight-0 ones', () => {
  expect(checkExample(chat(SYSTEM, USER))).toEqual([{ category: 'example_missing_assistant_message', message: 'example has no assistant message' }]);
  expect(checkExample(chat(USER, { ...ANSWER, weight: 0 }))).toEqual([
    { category: 'example_missing_assistant_message', message: 'every assistant message has weight 0, so the example trains nothing' },
  ]);
  expect(checkExample(chat(USER, { ...ANSWER, weight: 0 }, USER, { ...ANSWER, weight: 1 }))).toEqual([]);
});

test('invalid_weight: only 0 or 1, only on assistant messages', () => {
  expect(checkExample(chat(USER, { ...ANSWER, weight: 2 }))).toEqual([{ category: 'invalid_weight', message: 'weight must be 0 or 1, got 2', path: 'messages[1].weight' }]);
  expect(checkExample(chat(USER, { ...ANSWER, weight: '1' }))).toEqual([{ category: 'invalid_weight', message: 'weight must be 0 or 1, got "1"', path: 'messages[1].weight' }]);
  expect(categories(chat(USER, { ...ANSWER, weight: true }))).toEqual(['invalid_weight']);
  expect(checkExample(chat({ ...USER, weight: 1 }, ANSWER))).toEqual([
    { category: 'invalid_weight', message: 'weight is allowed only on assistant messages, not user', path: 'messages[0].weight' },
  ]);
});

test('invalid_field: name, refusal and tool_call_id of the wrong type', () => {
  expect(checkExample(chat({ ...USER, name: '' }, ANSWER))).toEqual([{ category: 'invalid_field', message: 'name must be a non-empty string, got string', path: 'messages[0].name' }]);
  expect(checkExample(chat(USER, { ...ANSWER, refusal: 5 }))).toEqual([{ category: 'invalid_field', message: 'refusal must be a string or null, got number', path: 'messages[1].refusal' }]);
  expect(categories(chat(USER, { role: 'assistant', tool_calls: [call('c1')] }, { role: 'tool', tool_call_id: 7, content: 'x' }, ANSWER))).toEqual(['invalid_field']);
  expect(checkExample(chat(USER, { ...ANSWER, refusal: null, name: 'fernwise' }))).toEqual([]);
});
