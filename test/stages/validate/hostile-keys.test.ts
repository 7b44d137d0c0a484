import { expect, test } from 'vitest';
import { checkExample } from '../../../src/stages/validate/check-example.js';

const chat = (extra: string) => JSON.parse(`{"messages": [{"role": "user", "content": "q"}, {"role": "assistant", "content": "a"}], ${extra}}`) as unknown;

test('an extra key named like an Object.prototype member is named plainly, not with what Object inherits', () => {
  expect(checkExample(chat('"constructor": 1, "__proto__": {"x": 1}, "toString": "s"'))).toEqual([
    { category: 'unrecognized_example_key', message: 'unrecognized key "constructor"', path: 'constructor' },
    { category: 'unrecognized_example_key', message: 'unrecognized key "__proto__"', path: '__proto__' },
    { category: 'unrecognized_example_key', message: 'unrecognized key "toString"', path: 'toString' },
  ]);
  expect(checkExample(chat('"prompt": "p"'))).toEqual([
    { category: 'unrecognized_example_key', message: 'unrecognized key "prompt": the prompt/completion format is for babbage-002 and davinci-002 only', path: 'prompt' },
  ]);
});
