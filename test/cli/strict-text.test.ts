import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { expect, test } from 'vitest';
import { tunesetProcess } from '../helpers/cli-process.js';

// Strict text end to end, as a user runs it: nothing corrupted reaches the written files, every
// bad line is in rejected.jsonl with its code and line, and a file in another encoding is named.
const ws = mkdtempSync(join(tmpdir(), 'tuneset-strict-text-'));
const at = (...parts: string[]) => join(ws, ...parts);
const TUNESET = pathToFileURL(join(import.meta.dirname, '..', '..', 'src', 'index.ts')).href;

writeFileSync(at('package.json'), '{"type": "module"}');
writeFileSync(
  at('strict.ts'),
  `import { importJsonl, pipeline, split, toChat } from '${TUNESET}';\n` +
    `export default pipeline('strict', { model: 'gpt-4o-mini-2024-07-18' })\n` +
    `  .from(importJsonl({ path: 'none.jsonl', fields: { q: 'q', a: 'a' } }))\n` +
    `  .pipe(toChat<{ q: string; a: string }>({ user: (r) => r.q, assistant: (r) => r.a }))\n` +
    `  .pipe(split({ validation: 0.2, seed: 1 }));\n`,
);
const good = Array.from({ length: 14 }, (_, i) => `{"q": "Question ${i}?", "a": "Answer ${i}."}\n`);
const data = Buffer.concat([
  Buffer.from(good.slice(0, 7).join('')),
  Buffer.from('{"q": "caf'),
  Buffer.from([0xe9]),
  Buffer.from('?", "a": "latin-1"}\n'),
  Buffer.from('{"q": "two answers?", "a": "yes", "a": "no"}\n'),
  Buffer.from('{"q": "half a pair \\ud83d", "a": "x"}\n'),
  Buffer.from('{"q": "a real \ufffd is text", "a": "kept"}\n'),
  Buffer.from(good.slice(7).join('')),
]);

test('tuneset run: invalid UTF-8, a duplicate key and a lone surrogate are drops; nothing corrupted is written', () => {
  const input = at('data.jsonl');
  writeFileSync(input, data);
  const out = at('run');
  const r = tunesetProcess(['run', at('strict.ts'), '--input', input, '--out', out]);
  expect(r.stderr).not.toMatch(/^ {4}at /m);
  expect(r.code).toBe(0);
  const rejected = readFileSync(join(out, 'rejected.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { code: string; detail: unknown; source: { line: number } });
  expect(rejected.map((x) => [x.source.line, x.code, x.detail])).toEqual([
    [8, 'invalid_utf8', { column: 11, byte: '0xe9' }],
    [9, 'duplicate_key', { key: 'a', path: 'a', column: 35 }],
    [10, 'lone_surrogate', { path: 'q' }],
  ]);
  const written = ['train.jsonl', 'validation.jsonl'].map((f) => readFileSync(join(out, f), 'utf8')).join('');
  expect(written.split('\n').filter(Boolean)).toHaveLength(15);
  expect(written).not.toMatch(/latin-1|"no"|"yes"|\\ud83d/);
  // The only U+FFFD is the one written as text in the input.
  expect(written.match(/\ufffd/g)).toEqual(['\ufffd']);
});

test('tuneset run: a UTF-16 input is named, with the command that converts it, and leaves no finished run', () => {
  const input = at('utf16.jsonl');
  writeFileSync(input, Buffer.from(`\ufeff${good.join('')}`, 'utf16le'));
  const out = at('run-utf16');
  const r = tunesetProcess(['run', at('strict.ts'), '--input', input, '--out', out]);
  expect(r.code).toBe(1);
  expect(r.stderr).toContain(`${input}: is UTF-16 (little-endian) text (with a byte order mark), and tuneset reads UTF-8; convert it: iconv -f UTF-16 -t UTF-8 utf16.jsonl > utf16.utf8.jsonl`);
  expect(r.stderr).not.toMatch(/^ {4}at /m);
  expect(existsSync(join(out, 'train.jsonl'))).toBe(false);
});

test('tuneset validate: a gzip file is named as gzip, and a lone surrogate is an error', () => {
  const gz = at('train.jsonl');
  writeFileSync(gz, gzipSync(good.join('')));
  const r = tunesetProcess(['validate', gz]);
  expect(r.code).toBe(1);
  expect(r.stdout).toContain(`  file: data_type: ${gz} is gzip-compressed; OpenAI requires plain UTF-8 JSONL. Decompress it: gunzip -c ${gz} > decompressed.jsonl\n`);
  const chat = (q: string) => `{"messages": [{"role": "user", "content": "${q}"}, {"role": "assistant", "content": "A"}]}\n`;
  const lone = at('lone.jsonl');
  writeFileSync(lone, Array.from({ length: 11 }, (_, i) => chat(i === 4 ? 'x\\udc00' : `Q${i}`)).join(''));
  const v = tunesetProcess(['validate', lone]);
  expect(v.code).toBe(1);
  expect(v.stdout).toContain('  line 5: data_type: messages[0].content holds a lone UTF-16 surrogate (a \\ud800-style escape without its pair), which OpenAI rejects\n');
  expect(v.stdout).toContain('Format: REJECTED, 1 errors (data_type 1)');
});
