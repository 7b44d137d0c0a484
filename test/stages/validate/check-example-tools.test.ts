import { expect, test } from 'vitest';
import { checkExample } from '../../../src/stages/validate/check-example.js';

const USER = { role: 'user', content: 'How often should I water a fern?' };
const ANSWER = { role: 'assistant', content: 'About twice a week.' };
const call = (id: string, name = 'lookup', args: unknown = '{"q":"fern"}') => ({ id, type: 'function', function: { name, arguments: args } });
const calls = (...c: unknown[]) => ({ role: 'assistant', content: null, tool_calls: c });
const reply = (id: string) => ({ role: 'tool', tool_call_id: id, content: '{"days":3}' });
const TOOLS = [{ type: 'function', function: { name: 'lookup', description: 'Plant facts.', parameters: { type: 'object', properties: {} }, strict: true } }];
const chat = (messages: unknown[], extra: Record<string, unknown> = {}) => ({ messages, ...extra });

test('an assistant turn with only tool_calls, answered by tool messages, is valid', () => {
  expect(checkExample(chat([USER, calls(call('c1')), reply('c1'), ANSWER], { tools: TOOLS }))).toEqual([]);
  expect(checkExample(chat([USER, { role: 'assistant', tool_calls: [call('c1')] }, reply('c1'), ANSWER]))).toEqual([]);
});

test('an example may end on unanswered tool calls', () => {
  expect(checkExample(chat([USER, calls(call('c1'), call('c2'))], { tools: TOOLS, parallel_tool_calls: true }))).toEqual([]);
});

test('parallel calls may be answered in any order', () => {
  expect(checkExample(chat([USER, calls(call('c1'), call('c2')), reply('c2'), reply('c1'), ANSWER]))).toEqual([]);
});

test('invalid_tool_call: arguments must be a string holding a JSON object', () => {
  expect(checkExample(chat([USER, calls(call('c1', 'lookup', { q: 'fern' }))]))).toEqual([
    { category: 'invalid_tool_call', message: 'arguments must be a JSON-encoded string, got object', path: 'messages[1].tool_calls[0].function.arguments' },
  ]);
  expect(checkExample(chat([USER, calls(call('c1', 'lookup', '{q: fern}'))]))).toEqual([
    { category: 'invalid_tool_call', message: 'arguments is not valid JSON', path: 'messages[1].tool_calls[0].function.arguments' },
  ]);
  expect(checkExample(chat([USER, calls(call('c1', 'lookup', '["fern"]'))]))).toEqual([
    { category: 'invalid_tool_call', message: 'arguments must encode a JSON object, got array', path: 'messages[1].tool_calls[0].function.arguments' },
  ]);
});

test('invalid_tool_call: shape of tool_calls and of each call', () => {
  expect(checkExample(chat([USER, { role: 'assistant', content: null, tool_calls: [] }]))).toEqual([
    { category: 'invalid_tool_call', message: 'tool_calls must be a non-empty array, got an empty array', path: 'messages[1].tool_calls' },
  ]);
  expect(checkExample(chat([USER, calls({ ...call('c1'), type: 'code' })]))).toEqual([
    { category: 'invalid_tool_call', message: 'tool call type must be "function", got "code"', path: 'messages[1].tool_calls[0].type' },
  ]);
  expect(checkExample(chat([USER, calls({ type: 'function', function: { name: 'lookup', arguments: '{}' } })]))).toEqual([
    { category: 'invalid_tool_call', message: 'tool call id must be a non-empty string', path: 'messages[1].tool_calls[0].id' },
  ]);
  expect(checkExample(chat([USER, { ...calls(call('c1')), function_call: { name: 'lookup', arguments: '{}' } }]))).toEqual([
    { category: 'invalid_tool_call', message: 'an assistant message takes tool_calls or the deprecated function_call, not both', path: 'messages[1]' },
  ]);
});

test('invalid_tool_call: ids unique in the example, names declared when tools are', () => {
  expect(checkExample(chat([USER, calls(call('c1')), reply('c1'), calls(call('c1'))]))).toEqual([
    { category: 'invalid_tool_call', message: 'tool call id "c1" is used twice in the example', path: 'messages[3].tool_calls[0].id' },
  ]);
  expect(checkExample(chat([USER, calls(call('c1', 'weather'))], { tools: TOOLS }))).toEqual([
    { category: 'invalid_tool_call', message: 'function "weather" is not declared by the example\'s tools', path: 'messages[1].tool_calls[0].function.name' },
  ]);
  expect(checkExample(chat([USER, calls(call('c1', 'weather'))]))).toEqual([]);
});

test('invalid_tool_call: parallel_tool_calls false allows one call per message', () => {
  expect(checkExample(chat([USER, calls(call('c1'), call('c2'))], { parallel_tool_calls: false }))).toEqual([
    { category: 'invalid_tool_call', message: 'parallel_tool_calls is false but the message makes 2 tool calls', path: 'messages[1].tool_calls' },
  ]);
});

test('invalid_tool_call: a tool message must answer the calls right before it, once each', () => {
  expect(checkExample(chat([USER, reply('c1'), ANSWER]))).toEqual([
    { category: 'invalid_tool_call', message: 'tool message does not follow an assistant message with tool_calls', path: 'messages[1]' },
  ]);
  expect(checkExample(chat([USER, calls(call('c1')), reply('c9'), ANSWER]))).toEqual([
    { category: 'invalid_tool_call', message: 'tool_call_id "c9" matches no tool call of messages[1]', path: 'messages[2].tool_call_id' },
    { category: 'invalid_tool_call', message: 'tool call(s) "c1" have no tool message before messages[3]', path: 'messages[1]' },
  ]);
  expect(checkExample(chat([USER, calls(call('c1')), reply('c1'), reply('c1'), ANSWER]))).toEqual([
    { category: 'invalid_tool_call', message: 'tool call "c1" is answered twice', path: 'messages[3].tool_call_id' },
  ]);
  expect(checkExample(chat([USER, calls(call('c1'), call('c2')), reply('c1')]))).toEqual([
    { category: 'invalid_tool_call', message: 'tool call(s) "c2" have no tool message before the end of the example', path: 'messages[1]' },
  ]);
});

test('deprecated function_call and function messages are accepted', () => {
  const functions = [{ name: 'lookup', parameters: { type: 'object', properties: {} } }];
  const fnCall = { role: 'assistant', content: null, function_call: { name: 'lookup', arguments: '{"q":"fern"}' } };
  expect(checkExample(chat([USER, fnCall, { role: 'function', name: 'lookup', content: '3 days' }, ANSWER], { functions }))).toEqual([]);
  expect(checkExample(chat([USER, { ...fnCall, function_call: { name: 'other', arguments: '{}' } }], { functions }))).toEqual([
    { category: 'invalid_tool_call', message: 'function "other" is not declared by the example\'s tools', path: 'messages[1].function_call.name' },
  ]);
});

test('invalid_tools: tool definitions and parallel_tool_calls', () => {
  expect(checkExample(chat([USER, ANSWER], { tools: {} }))).toEqual([{ category: 'invalid_tools', message: 'tools must be an array, got object', path: 'tools' }]);
  expect(checkExample(chat([USER, ANSWER], { tools: [{ type: 'function', function: { name: 'look up' } }] }))).toEqual([
    { category: 'invalid_tools', message: 'function name must match ^[a-zA-Z0-9_-]{1,64}$, got "look up"', path: 'tools[0].function.name' },
  ]);
  expect(checkExample(chat([USER, ANSWER], { tools: [...TOOLS, ...TOOLS] }))).toEqual([
    { category: 'invalid_tools', message: 'function "lookup" is declared twice', path: 'tools[1].function.name' },
  ]);
  expect(checkExample(chat([USER, ANSWER], { tools: [{ type: 'function', function: { name: 'lookup', parameters: 'none' } }] }))).toEqual([
    { category: 'invalid_tools', message: 'parameters must be a JSON Schema object', path: 'tools[0].function.parameters' },
  ]);
  expect(checkExample(chat([USER, ANSWER], { parallel_tool_calls: 'yes' }))).toEqual([
    { category: 'invalid_tools', message: 'parallel_tool_calls must be a boolean, got string', path: 'parallel_tool_calls' },
  ]);
  expect(checkExample(chat([USER, ANSWER], { functions: [] }))).toEqual([
    { category: 'invalid_tools', message: 'functions must be an array of 1 to 128 definitions', path: 'functions' },
  ]);
  expect(checkExample(chat([USER, ANSWER], { tools: [] }))).toEqual([]);
});
