import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect, test } from 'vitest';
import { validateTrainingFile } from '../../../src/stages/validate/index.js';

const dir = mkdtempSync(join(tmpdir(), 'tuneset-validate-strict-'));
const file = (name: string, content: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const ok = (n: number) => JSON.stringify({ messages: [{ role: 'user', content: `Q${n}` }, { role: 'assistant', content: `A${n}` }] });

test('a key written twice and a lone surrogate are data_type errors with their path; an escaped pair is fine', async () => {
  const lines = [
    ok(1),
    '{"messages": [{"role": "user", "content": "hi", "role": "system"}, {"role": "assistant", "content": "yo"}]}',
    '{"messages": [{"role": "user", "content": "x\\ud800"}, {"role": "assistant", "content": "y"}]}',
    '{"messages": [{"role": "user", "content": "\\ud83d\\ude00"}, {"role": "assistant", "content": "\\\\udc00"}]}',
    ...Array.from({ length: 8 }, (_, i) => ok(i + 2)),
  ];
  const r = await validateTrainingFile(file('defects.jsonl', `${lines.join('\n')}\n`));
  expect(r.errors).toEqual([
    { line: 2, category: 'data_type', message: 'key "role" is written twice in one object (messages[0].role); a JSON reader keeps only one of its values', path: 'messages[0].role' },
    { line: 3, category: 'data_type', message: 'messages[0].content holds a lone UTF-16 surrogate (a \\ud800-style escape without its pair), which OpenAI rejects', path: 'messages[0].content' },
  ]);
  expect(r.ok).toBe(false);
});

test('a gzip file is named as such, not read as lines that are not UTF-8', async () => {
  const path = file('train.jsonl', gzipSync(`${ok(1)}\n`));
  const r = await validateTrainingFile(path);
  expect([r.encoding, r.lines, r.errors]).toEqual([
    'gzip',
    0,
    [{ line: null, category: 'data_type', message: `${path} is gzip-compressed; OpenAI requires plain UTF-8 JSONL. Decompress it: gunzip -c ${path} > decompressed.jsonl` }],
  ]);
});
