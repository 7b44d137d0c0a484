import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { countFileTokens } from '../../../src/stages/token-check/count-file-tokens.js';

const line = (o: unknown) => `${JSON.stringify(o)}\n`;
const SHORT = { messages: [{ role: 'system', content: 'You answer with one letter.' }, { role: 'user', content: 'Which option is correct? (A) red (B) blue' }, { role: 'assistant', content: 'B' }] };
const call = (id: string) => ({ id, type: 'function', function: { name: 'f', arguments: '{}' } });
const TWO_CALLS = { messages: [{ role: 'user', content: 'a' }, { role: 'assistant', content: '', tool_calls: [call('1'), call('2')] }, { role: 'tool', tool_call_id: '1', content: 'x' }, { role: 'tool', tool_call_id: '2', content: 'y' }, { role: 'assistant', content: 'b' }] };

it("counts a file with a tokenizer id; examples the template refuses are listed by line, not counted", async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'tuneset-count-file-')), 'train.jsonl');
  writeFileSync(path, line(SHORT) + line(TWO_CALLS) + line(SHORT));
  // 56 Llama 3.1 tokens for SHORT (the reference's count), 39 Qwen3 tokens.
  expect(await countFileTokens(path, 'llama3', 50)).toEqual({
    counts: [56, 56],
    uncountable: 0,
    templateRefused: [{ line: 2, message: 'This model only supports single tool-calls at once!' }],
    overLimit: [{ line: 1, tokens: 56 }, { line: 3, tokens: 56 }],
  });
  expect((await countFileTokens(path, 'qwen3')).counts).toEqual([39, expect.any(Number), 39]);
});
