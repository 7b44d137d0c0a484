import { expect, test, vi } from 'vitest';
import { encoderFor, requestInputTokens } from '../../../src/stages/annotate/annotation-price.js';
import { tiktokenEncoder } from '../../../src/stages/token-check/encoder.js';
import { countExampleTokens } from '../../../src/stages/token-check/chat-tokens.js';

vi.mock('../../../src/stages/token-check/encoder.js', async (original) => {
  const actual = await original<typeof import('../../../src/stages/token-check/encoder.js')>();
  return { ...actual, tiktokenEncoder: vi.fn(actual.tiktokenEncoder) };
});

test('encoderFor builds no tiktoken encoder until something is counted: a run the cache answers whole counts nothing', () => {
  vi.mocked(tiktokenEncoder).mockClear();
  const enc = encoderFor('o200k_base');
  expect(tiktokenEncoder).not.toHaveBeenCalled();
  expect(enc.count('hello world')).toBe(2);
  expect(enc.count('hello')).toBe(1);
  expect(tiktokenEncoder).toHaveBeenCalledTimes(1);
  expect(tiktokenEncoder).toHaveBeenCalledWith('o200k_base');
});

test('requestInputTokens counts the schema text once per encoder, and the totals are what counting it every time gives', () => {
  const schemaText = '{"type":"json_schema","json_schema":{"name":"label","strict":true}}';
  const counted: string[] = [];
  const enc = { count: (text: string) => (counted.push(text), text.length) };
  const a = [{ role: 'user' as const, content: 'Label this: What is 1 plus 1?' }];
  const b = [{ role: 'user' as const, content: 'Label this: What is 22 plus 22?' }];
  const expected = (messages: typeof a) => countExampleTokens({ messages: messages as never }, { count: (t) => t.length }, 'o200k_base').total + schemaText.length;

  expect(requestInputTokens(a, schemaText, enc, 'o200k_base')).toBe(expected(a));
  expect(requestInputTokens(b, schemaText, enc, 'o200k_base')).toBe(expected(b));
  expect(requestInputTokens(a, schemaText, enc, 'o200k_base')).toBe(expected(a));
  expect(counted.filter((t) => t === schemaText)).toHaveLength(1);
  // Another schema is counted for itself.
  expect(requestInputTokens(a, `${schemaText} `, enc, 'o200k_base')).toBe(expected(a) + 1);
  expect(counted.filter((t) => t.startsWith(schemaText))).toHaveLength(2);
});
