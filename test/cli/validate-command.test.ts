import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { main } from '../../src/cli/cli.js';
import { alternativesText } from '../../src/train/training-dates.js';
import { captureIo } from '../helpers/capture-io.js';

const validate = async (argv: string[], now?: string) => {
  const c = captureIo(now);
  const code = await main(['validate', ...argv], c.io);
  return { code, stdout: c.stdout(), stderr: c.stderr() };
};

const dir = mkdtempSync(join(tmpdir(), 'tuneset-validate-command-'));
const THREE_EXAMPLES = 'fixtures/chat/invalid-n-examples.jsonl';
/** A copy of a fixture under another name: the name decides a file's purpose. */
const copyAs = (name: string, from = THREE_EXAMPLES) => {
  const path = join(dir, name);
  copyFileSync(from, path);
  return path;
};

test('a good file: accepted, with token statistics and the cost estimate, exit 0', async () => {
  const r = await validate(['fixtures/chat/valid-sft.jsonl', '--epochs', '3']);
  expect(r).toEqual({
    code: 0,
    stdout: [
      'fixtures/chat/valid-sft.jsonl: 12 lines, 12 examples (chat), checked as a training file (from its name; --purpose to choose)',
      'Format: OK, OpenAI would accept this file',
      'Tokens (gpt-4o-mini-2024-07-18, o200k_base) over 12 valid examples: total 2,561, min 56, median 86, p95 1,494, max 1,494',
      'Training estimate: 3 epochs, 7,683 billed tokens, $0.023',
      '',
    ].join('\n'),
    stderr: '',
  });
});

test('a bad file names the line and category and exits 1', async () => {
  const r = await validate(['fixtures/chat/invalid-weight.jsonl']);
  expect(r.code).toBe(1);
  expect(r.stdout).toMatch(/^ {2}line 8: invalid_weight: /m);
  expect(r.stdout).toMatch(/^Format: REJECTED, 1 errors \(invalid_weight 1\)$/m);
});

test('the model decides encoding and price; a missing file is exit 1, no file is exit 2', async () => {
  expect((await validate(['fixtures/chat/valid-sft.jsonl', '--model', 'gpt-4.1-2025-04-14'])).stdout).toMatch(/Tokens \(gpt-4.1-2025-04-14, o200k_base\)/);
  expect(await validate(['nope.jsonl'])).toMatchObject({ code: 1, stderr: 'error: nope.jsonl: file not found\n' });
  expect(await validate([])).toMatchObject({ code: 2 });
});

test('an unknown --model is a usage error (exit 2) naming every model the table knows', async () => {
  expect(await validate(['fixtures/chat/valid-sft.jsonl', '--model', 'gpt-9'])).toEqual({
    code: 2,
    stdout: '',
    stderr:
      'error: --model: unknown model "gpt-9"; known models: gpt-4o-2024-08-06 (gpt-4o), gpt-4o-mini-2024-07-18 (gpt-4o-mini), ' +
      'gpt-4.1-2025-04-14 (gpt-4.1), gpt-4.1-mini-2025-04-14 (gpt-4.1-mini), gpt-4.1-nano-2025-04-14 (gpt-4.1-nano), ' +
      'gpt-3.5-turbo-0125 (gpt-3.5-turbo), o4-mini-2025-04-16 (o4-mini)\n',
  });
});

test('the 10-example minimum applies to a training file only: --purpose validation lifts it', async () => {
  const asTraining = await validate([THREE_EXAMPLES, '--purpose', 'train']);
  expect(asTraining.code).toBe(1);
  expect(asTraining.stdout).toMatch(/^fixtures\/chat\/invalid-n-examples.jsonl: 3 lines, 3 examples \(chat\), checked as a training file\n {2}file: invalid_n_examples: Training file has 3 example\(s\), but must have at least 10 examples\n/);
  const asValidation = await validate([THREE_EXAMPLES, '--purpose', 'validation']);
  expect(asValidation.code).toBe(0);
  expect(asValidation.stdout.split('\n').slice(0, 2)).toEqual([
    'fixtures/chat/invalid-n-examples.jsonl: 3 lines, 3 examples (chat), checked as a validation file',
    'Format: OK, OpenAI would accept this file',
  ]);
  // Validation tokens are not billed: no training estimate for the file on its own.
  expect(asValidation.stdout).toMatch(/^Training estimate: none, validation tokens are not billed$/m);
  expect(await validate([THREE_EXAMPLES, '--purpose', 'test'])).toMatchObject({ code: 2, stderr: 'error: --purpose expects train or validation, got "test"\n' });
});

test('a validation file is known by its name, and --purpose overrides the name', async () => {
  const named = copyAs('support_eval.jsonl');
  expect(await validate([named])).toMatchObject({ code: 0, stdout: expect.stringMatching(/^.*support_eval\.jsonl: 3 lines, 3 examples \(chat\), checked as a validation file \(from its name; --purpose to choose\)\nFormat: OK/) });
  expect(await validate([named, '--purpose', 'train'])).toMatchObject({ code: 1, stdout: expect.stringMatching(/invalid_n_examples/) });
  // --min-examples still sets the minimum outright.
  expect(await validate([named, '--min-examples', '5'])).toMatchObject({ code: 1, stdout: expect.stringMatching(/must have at least 5 examples/) });
});

test('a model past its shutdown date is an error (exit 1); inside 30 days a warning', async () => {
  const shutDown = await validate(['fixtures/chat/valid-sft.jsonl', '--model', 'gpt-3.5-turbo'], '2026-11-23T12:00:00Z');
  expect(shutDown.code).toBe(1);
  expect(shutDown.stdout).toMatch(/^Format: OK, OpenAI would accept this file$/m);
  expect(shutDown.stderr).toBe(`error: gpt-3.5-turbo-0125 shut down on 2026-10-23; it can no longer be fine-tuned. ${alternativesText(new Date('2026-11-23T12:00:00Z'), 'openai')}\n`);
  expect(shutDown.stderr).toContain('local (11 models, trained with an open trainer through tuneset export)');

  const soon = await validate(['fixtures/chat/valid-sft.jsonl'], '2026-12-20T00:00:00Z');
  expect(soon.code).toBe(0);
  expect(soon.stderr).toBe(
    'warning: gpt-4o-mini-2024-07-18 shuts down on 2027-01-14 (in 25 days), and every fine-tune built on it with it\n' +
      'warning: OpenAI accepts no new fine-tuning jobs from 2027-01-06 (in 17 days)\n',
  );
  expect((await validate(['fixtures/chat/valid-sft.jsonl'], '2026-11-23T12:00:00Z')).stderr).toBe('');
});

// The same valid file in each encoding, with and without a byte order mark.
const LE16 = (s: string) => Buffer.from(s, 'utf16le');
const BE16 = (s: string) => LE16(s).swap16();
const LE32 = (s: string) => {
  const chars = [...s];
  const out = Buffer.alloc(chars.length * 4);
  chars.forEach((ch, i) => out.writeUInt32LE(ch.codePointAt(0)!, i * 4));
  return out;
};
const BE32 = (s: string) => LE32(s).swap32();
const TEXT = readFileSync('fixtures/chat/valid-sft.jsonl', 'utf8');

test.each([
  ['UTF-16 LE', LE16, 'UTF-16LE', 'UTF-16'],
  ['UTF-16 BE', BE16, 'UTF-16BE', 'UTF-16'],
  ['UTF-32 LE', LE32, 'UTF-32LE', 'UTF-32'],
  ['UTF-32 BE', BE32, 'UTF-32BE', 'UTF-32'],
])('a %s file is named as such, with or without a BOM, never as NUL-filled JSON errors', async (encoding, encode, iconvName, iconvWithBom) => {
  for (const bom of [false, true]) {
    const path = join(dir, `${iconvName}-${bom ? 'bom' : 'plain'}.jsonl`);
    writeFileSync(path, encode(`${bom ? '\uFEFF' : ''}${TEXT}`));
    const r = await validate([path]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      [
        `${path}: ${encoding}, not read, checked as a training file (from its name; --purpose to choose)`,
        `  file: data_type: ${path} is ${encoding}${bom ? ' (with a byte order mark)' : ''}; OpenAI requires UTF-8. ` +
          `Convert it: iconv -f ${bom ? iconvWithBom : iconvName} -t UTF-8 ${path} > converted.jsonl`,
        'Format: REJECTED, 1 errors (data_type 1)',
        '',
      ].join('\n'),
    );
  }
});

test('examples over the model token limit are listed by line with their counts', async () => {
  const line = (content: string) => JSON.stringify({ messages: [{ role: 'user', content: 'Summarise this.' }, { role: 'assistant', content }] });
  // "w3" is two o200k tokens: 35,000 of them make 70,016 with the chat overhead, past 4o-mini's 65,536.
  const long = Array.from({ length: 35_000 }, (_, i) => `w${i % 10}`).join(' ');
  const lines = Array.from({ length: 12 }, (_, i) => line(i === 2 || i === 9 ? long : `Short answer ${i}.`));
  const path = join(dir, 'long-lines.jsonl');
  writeFileSync(path, `${lines.join('\n')}\n`);
  const r = await validate([path]);
  expect(r.code).toBe(0);
  const listing = r.stdout.split('\n').filter((l) => /exceed|^ {4}line/.test(l));
  expect(listing).toEqual([
    '  2 examples exceed 65,536 tokens: OpenAI truncates them from the end',
    '    line 3: 70,016 tokens',
    '    line 10: 70,016 tokens',
  ]);
});

test('--target counts and checks for a provider\'s model; an unknown provider or model is a usage error naming the known ones', async () => {
  expect((await validate(['fixtures/chat/valid-sft.jsonl', '--target', 'openai:gpt-4.1'])).stdout).toMatch(/^Tokens \(gpt-4.1-2025-04-14, o200k_base\) over /m);
  // Counted with the target model's own tokenizer and chat template.
  expect((await validate(['fixtures/chat/valid-sft.jsonl', '--target', 'local:Qwen/Qwen3-0.6B'])).stdout).toMatch(/^Tokens \(local:Qwen\/Qwen3-0\.6B, qwen3\) over 12 valid examples: total [\d,]+, /m);
  expect(await validate(['fixtures/chat/valid-sft.jsonl', '--target', 'mistral:small'])).toEqual({
    code: 2,
    stdout: '',
    stderr: 'error: --target expects provider:model with a provider of openai, azure, nebius, together, fireworks, local, got "mistral:small"\n',
  });
  expect((await validate(['fixtures/chat/valid-sft.jsonl', '--target', 'local:Qwen/Qwen9'])).stderr).toMatch(
    /^error: --target: unknown model "Qwen\/Qwen9"; known local models: Qwen\/Qwen3-0.6B, Qwen\/Qwen3-1.7B, /,
  );
  expect(await validate(['fixtures/chat/valid-sft.jsonl', '--target', 'openai:gpt-4.1', '--model', 'gpt-4o'])).toMatchObject({
    code: 2,
    stderr: 'error: --model and --target name the same thing: give one (--model M is --target openai:M)\n',
  });
});

test("examples the target's chat template refuses are listed by line with the template's words and fail validation", async () => {
  const call = (id: string, species: string) => ({ id, type: 'function', function: { name: 'schedule', arguments: `{"species": "${species}"}` } });
  const tools = [{ type: 'function', function: { name: 'schedule', description: 'Watering interval.', parameters: { type: 'object', properties: { species: { type: 'string' } } } } }];
  const plain = { messages: [{ role: 'user', content: 'Water a fern?' }, { role: 'assistant', content: 'Twice a week.' }] };
  // Llama 3.1's template raises on two tool calls in one message; Qwen3's prints both.
  const twoCalls = {
    messages: [
      { role: 'user', content: 'Aloe and jade?' },
      { role: 'assistant', content: null, tool_calls: [call('a', 'aloe'), call('b', 'jade')] },
      { role: 'tool', tool_call_id: 'a', content: '{"days": 21}' },
      { role: 'tool', tool_call_id: 'b', content: '{"days": 14}' },
      { role: 'assistant', content: 'Every 21 and 14 days.' },
    ],
    tools,
  };
  const path = join(dir, 'two-calls.jsonl');
  writeFileSync(path, [plain, twoCalls, plain, twoCalls].map((e) => `${JSON.stringify(e)}\n`).join(''));
  const llama = await validate([path, '--target', 'local:meta-llama/Llama-3.2-1B-Instruct', '--min-examples', '0']);
  expect(llama.code).toBe(1);
  expect(llama.stdout.split('\n').slice(1, 7)).toEqual([
    'Format: OK, OpenAI would accept this file',
    expect.stringMatching(/^Tokens \(local:meta-llama\/Llama-3\.2-1B-Instruct, llama3\) over 2 valid examples: /),
    '  2 examples refused by the chat template of meta-llama/Llama-3.2-1B-Instruct (llama3): the trainer cannot render them',
    '    line 2: chat_template_error: This model only supports single tool-calls at once!',
    '    line 4: chat_template_error: This model only supports single tool-calls at once!',
    expect.stringMatching(/^Training estimate: /),
  ]);
  expect(llama.stderr).toBe('');
  // The same file for Qwen3: every example renders, nothing is listed, exit 0.
  const qwen = await validate([path, '--target', 'local:Qwen/Qwen3-0.6B', '--min-examples', '0']);
  expect(qwen.code).toBe(0);
  expect(qwen.stdout).not.toContain('chat_template_error');
  expect(qwen.stdout).toMatch(/^Tokens \(local:Qwen\/Qwen3-0\.6B, qwen3\) over 4 valid examples: /m);
});
