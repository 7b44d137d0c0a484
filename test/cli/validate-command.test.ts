import { expect, test } from 'vitest';
import { main } from '../../src/cli/cli.js';
import { captureIo } from '../helpers/capture-io.js';

const validate = async (...argv: string[]) => {
  const c = captureIo();
  const code = await main(['validate', ...argv], c.io);
  return { code, stdout: c.stdout(), stderr: c.stderr() };
};

test('a good file: accepted, with token statistics and the cost estimate, exit 0', async () => {
  const r = await validate('fixtures/chat/valid-sft.jsonl', '--epochs', '3');
  expect(r.code).toBe(0);
  expect(r.stdout).toBe(
    [
      'fixtures/chat/valid-sft.jsonl: 12 lines, 12 examples (chat)',
      'Format: OK, OpenAI would accept this file',
      'Tokens (gpt-4o-mini-2024-07-18, o200k_base) over 12 valid examples: total 2,561, min 56, median 86, p95 1,494, max 1,494',
      'Training estimate: 3 epochs, 7,683 billed tokens, $0.023',
      '',
    ].join('\n'),
  );
});

test('a bad file names the line and category and exits 1', async () => {
  const r = await validate('fixtures/chat/invalid-weight.jsonl');
  expect(r.code).toBe(1);
  expect(r.stdout).toMatch(/^ {2}line 8: invalid_weight: /m);
  expect(r.stdout).toMatch(/^Format: REJECTED, 1 errors \(invalid_weight 1\)$/m);
});

test('the model decides encoding and price; unknown models and files are clear errors', async () => {
  const r = await validate('fixtures/chat/valid-sft.jsonl', '--model', 'gpt-4.1-2025-04-14');
  expect(r.stdout).toMatch(/Tokens \(gpt-4.1-2025-04-14, o200k_base\)/);
  expect((await validate('fixtures/chat/valid-sft.jsonl', '--model', 'gpt-9'))).toMatchObject({ code: 1, stderr: expect.stringMatching(/unknown model "gpt-9"; known models: /) });
  expect(await validate('nope.jsonl')).toMatchObject({ code: 1, stderr: 'error: nope.jsonl: file not found\n' });
  expect(await validate()).toMatchObject({ code: 2 });
});
