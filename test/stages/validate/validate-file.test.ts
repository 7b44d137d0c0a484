import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { validateTrainingFile } from '../../../src/stages/validate/validate-file.js';

const fixture = (name: string) => new URL(`../../../fixtures/chat/${name}`, import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'tuneset-validate-'));
let n = 0;
const tempFile = (content: string | Buffer) => {
  const path = join(dir, `f${n++}.jsonl`);
  writeFileSync(path, content);
  return path;
};
const LINE = JSON.stringify({ messages: [{ role: 'user', content: 'Is moss a plant?' }, { role: 'assistant', content: 'Yes, a non-vascular one.' }] });
const lines = (k: number) => Array.from({ length: k }, () => LINE);

test.each([
  ['valid-sft.jsonl', 'chat', 12],
  ['valid-dpo.jsonl', 'preference', 10],
])('%s passes', async (name, format, examples) => {
  const result = await validateTrainingFile(fixture(name));
  expect(result).toEqual({ path: fixture(name), encoding: 'UTF-8', lines: examples, examples, format, errors: [], errorCount: 0, countsByCategory: {}, ok: true });
});

// One defect per fixture, among otherwise valid lines: only the intended error shows.
test.each([
  ['invalid-data-type.jsonl', 4, 'data_type', 'example must be a JSON object, got array', undefined],
  ['invalid-blank-line.jsonl', 6, 'data_type', 'line is blank; a JSONL file must have one JSON object on every line', undefined],
  ['invalid-missing-messages-list.jsonl', 7, 'missing_messages_list', 'messages is empty', 'messages'],
  ['invalid-message-missing-key.jsonl', 3, 'message_missing_key', 'user message has no content', 'messages[1]'],
  ['invalid-message-unrecognized-key.jsonl', 9, 'message_unrecognized_key', 'user message has unrecognized key(s) "timestamp"', 'messages[1]'],
  ['invalid-unrecognized-role.jsonl', 5, 'unrecognized_role', 'role "developer" is accepted only for reinforcement fine-tuning; use "system"', 'messages[0].role'],
  ['invalid-missing-content.jsonl', 2, 'missing_content', 'assistant message content is empty', 'messages[2].content'],
  ['invalid-example-missing-assistant-message.jsonl', 10, 'example_missing_assistant_message', 'example has no assistant message', undefined],
  ['invalid-weight.jsonl', 8, 'invalid_weight', 'weight must be 0 or 1, got 0.5', 'messages[2].weight'],
  ['invalid-field.jsonl', 6, 'invalid_field', 'name must be a non-empty string, got number', 'messages[1].name'],
  ['invalid-tool-call.jsonl', 4, 'invalid_tool_call', 'arguments must be a JSON-encoded string, got object', 'messages[2].tool_calls[0].function.arguments'],
  ['invalid-tool-message-orphan.jsonl', 11, 'invalid_tool_call', 'tool message does not follow an assistant message with tool_calls', 'messages[2]'],
  ['invalid-tools.jsonl', 11, 'invalid_tools', 'tool type must be "function", got "retrieval"', 'tools[0].type'],
  ['invalid-image.jsonl', 5, 'invalid_image', 'a data URL must be data:image/jpeg, image/png or image/webp with ;base64,', 'messages[1].content[1].image_url.url'],
  ['invalid-preference.jsonl', 3, 'invalid_preference', 'preferred_output must hold exactly one assistant message, got 2', 'preferred_output'],
  ['invalid-unrecognized-example-key.jsonl', 7, 'unrecognized_example_key', 'unrecognized key "id"', 'id'],
  ['invalid-mixed-formats.jsonl', 6, 'mixed_formats', "line is a preference example but the file's first example (line 1) is chat", undefined],
])('%s: line %i is %s', async (name, line, category, message, path) => {
  const result = await validateTrainingFile(fixture(name));
  expect(result.errors).toEqual([{ line, category, message, ...(path === undefined ? {} : { path }) }]);
  expect(result.countsByCategory).toEqual({ [category]: 1 });
  expect(result.ok).toBe(false);
});

test('a line that is not JSON is data_type, named by line', async () => {
  const result = await validateTrainingFile(fixture('invalid-not-json.jsonl'));
  expect(result.errors).toEqual([{ line: 8, category: 'data_type', message: expect.stringMatching(/^line is not valid JSON: /) as unknown }]);
});

test('a mixed file reports its format as mixed', async () => {
  expect((await validateTrainingFile(fixture('invalid-mixed-formats.jsonl'))).format).toBe('mixed');
});

test('invalid_n_examples: fewer than 10 examples, in OpenAI words, for the file as a whole', async () => {
  const result = await validateTrainingFile(fixture('invalid-n-examples.jsonl'));
  expect(result).toMatchObject({ lines: 3, examples: 3, format: 'chat', ok: false, countsByCategory: { invalid_n_examples: 1 } });
  expect(result.errors).toEqual([{ line: null, category: 'invalid_n_examples', message: 'Training file has 3 example(s), but must have at least 10 examples' }]);
});

test('minExamples: 0 for a validation file, which has no minimum', async () => {
  expect((await validateTrainingFile(fixture('invalid-n-examples.jsonl'), { minExamples: 0 })).ok).toBe(true);
});

test('blank lines are not examples; a final newline does not make one', async () => {
  const result = await validateTrainingFile(tempFile(`${lines(10).join('\n')}\n\n`));
  expect(result).toMatchObject({ lines: 11, examples: 10, errors: [{ line: 11, category: 'data_type' }] });
});

test('an empty file is format empty with no examples', async () => {
  const result = await validateTrainingFile(tempFile(''));
  expect(result).toMatchObject({ lines: 0, examples: 0, format: 'empty', countsByCategory: { invalid_n_examples: 1 } });
});

test('CRLF line ends and a last line without newline are read as lines', async () => {
  const result = await validateTrainingFile(tempFile(lines(10).join('\r\n')));
  expect(result).toMatchObject({ lines: 10, examples: 10, ok: true });
});

test('a byte order mark and bytes that are not UTF-8 are data_type, by line', async () => {
  const body = Buffer.concat([Buffer.from(`\uFEFF${LINE}\n`), Buffer.from(`${lines(9).join('\n')}\n`), Buffer.from([0x7b, 0xff, 0xfe, 0x7d, 0x0a])]);
  const result = await validateTrainingFile(tempFile(body));
  expect(result.errors).toEqual([
    { line: 1, category: 'data_type', message: 'line starts with a UTF-8 byte order mark; save the file without one' },
    { line: 11, category: 'data_type', message: 'line is not valid UTF-8: byte 2 is 0xff' },
  ]);
});

test('lines longer than a read chunk are reassembled', async () => {
  const long = JSON.stringify({ messages: [{ role: 'user', content: 'x'.repeat(200_000) }, { role: 'assistant', content: 'ok' }] });
  const result = await validateTrainingFile(tempFile(`${[long, ...lines(9)].join('\n')}\n`));
  expect(result).toMatchObject({ lines: 10, examples: 10, ok: true });
});

test('maxListedErrors caps the list, never the counts', async () => {
  const result = await validateTrainingFile(tempFile(`${Array.from({ length: 12 }, () => '[]').join('\n')}\n`), { maxListedErrors: 2 });
  expect(result).toMatchObject({ errorCount: 12, countsByCategory: { data_type: 12 }, format: 'empty' });
  expect(result.errors.map((e) => e.line)).toEqual([1, 2]);
});

test('valid-sft.jsonl covers the shapes it is meant to prove valid', () => {
  type Msg = { role: string; content?: unknown; tool_calls?: unknown[]; weight?: number };
  const examples = readFileSync(fixture('valid-sft.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { messages: Msg[] });
  const has = (p: (m: Msg[]) => boolean) => examples.some((e) => p(e.messages));
  expect(has((m) => m.some((x) => x.role === 'assistant' && x.tool_calls !== undefined && !x.content) && m.some((x) => x.role === 'tool'))).toBe(true);
  expect(has((m) => m.some((x) => x.weight === 0))).toBe(true);
  expect(has((m) => m.some((x) => Array.isArray(x.content) && x.content.some((p: { type?: string }) => p.type === 'image_url')))).toBe(true);
  expect(has((m) => m.filter((x) => x.role === 'assistant').length > 1)).toBe(true);
});

test('a UTF-16 file is one data_type error naming its encoding, and no line is read', async () => {
  const path = tempFile(Buffer.from(`${lines(3).join('\n')}\n`, 'utf16le'));
  expect(await validateTrainingFile(path)).toEqual({
    path,
    encoding: 'UTF-16 LE',
    lines: 0,
    examples: 0,
    format: 'empty',
    errors: [{ line: null, category: 'data_type', message: `${path} is UTF-16 LE; OpenAI requires UTF-8. Convert it: iconv -f UTF-16LE -t UTF-8 ${path} > converted.jsonl` }],
    errorCount: 1,
    countsByCategory: { data_type: 1 },
    ok: false,
  });
});
