import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { importArLsat, importCsv, importEvals, importJsonl } from '../../../src/stages/import/index.js';
import { runStage } from '../../helpers/run-stage.js';
import { tmpFile } from './helpers.js';

// Bytes that are not UTF-8 must never reach a record as U+FFFD; a real U+FFFD (EF BF BD) is text.
const bytes = (...parts: (string | number[])[]): Buffer => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p))));
const drops = (r: Awaited<ReturnType<typeof runStage>>) => r.drops.map((d) => [d.id, d.source.line, d.code, d.detail]);
const failure = async (run: Promise<unknown>): Promise<string> => run.then(() => 'no error', (e: Error) => e.message);

describe('importJsonl and importEvals decode strictly', () => {
  it('a line with bytes that are not UTF-8 is dropped as invalid_utf8 with its byte column; a real U+FFFD passes', async () => {
    const path = tmpFile(
      'bad.jsonl',
      bytes('{"a": "caf\u00e9"}\n', '{"a": "caf', [0xe9], '"}\n', '{"a": "ok \ufffd"}\n', '{"a": "x"}', [0xc3], '\n', '{"a": "', [0xed, 0xa0, 0x80], '"}\n'),
    );
    const r = await runStage(importJsonl({ path, fields: { a: 'a' } }));
    expect(r.out.map((i) => [i.source.line, i.data['a']])).toEqual([
      [1, 'caf\u00e9'],
      [3, 'ok \ufffd'],
    ]);
    expect(drops(r)).toEqual([
      ['bad.jsonl:2', 2, 'invalid_utf8', { column: 11, byte: '0xe9' }],
      // A sequence cut off by the line end, and an encoded surrogate (ED A0 80), are both invalid.
      ['bad.jsonl:4', 4, 'invalid_utf8', { column: 11, byte: '0xc3' }],
      ['bad.jsonl:5', 5, 'invalid_utf8', { column: 8, byte: '0xed' }],
    ]);
    expect(r.rejected[0]!.data).toEqual({ raw: '{"a": "caf\ufffd"}' });
    expect(r.counters.balanced()).toBe(true);
  });

  it('a character split across read chunks is decoded whole, and a leading BOM is dropped', async () => {
    // 70,000 bytes of 'é' put a chunk boundary (64 KiB) in the middle of one of them.
    const long = '\u00e9'.repeat(35_000);
    const path = tmpFile('long.jsonl', bytes([0xef, 0xbb, 0xbf], `{"a": "${long}"}\n{"a": "b"}\n`));
    const r = await runStage(importJsonl({ path, fields: { a: 'a' } }));
    expect(r.out.map((i) => i.data['a'])).toEqual([long, 'b']);
    expect(r.drops).toEqual([]);
  });

  it('a key written twice is a duplicate_key drop naming the key, its path and column', async () => {
    const path = tmpFile(
      'dup.jsonl',
      [
        '{"a": 1, "a": 2}',
        '{"m": [{"role": "user", "content": "x"}, {"role": "a", "content": "y", "role": "b"}], "a": 3}',
        // The same key spelled with an escape is the same key.
        '{"a": 4, "b": {"k": "\\"a\\": 1", "\\u006b": 5}}',
        // Equal keys in different objects, and a "key" inside a string, are fine.
        '{"a": 5, "b": {"a": 6}, "c": [{"a": 7}, {"a": 8}], "d": "\\"a\\": 9, \\"a\\": 10"}',
      ].join('\n'),
    );
    const r = await runStage(importJsonl({ path, fields: { a: 'a' } }));
    expect(drops(r)).toEqual([
      ['dup.jsonl:1', 1, 'duplicate_key', { key: 'a', path: 'a', column: 10 }],
      ['dup.jsonl:2', 2, 'duplicate_key', { key: 'role', path: 'm[1].role', column: 72 }],
      ['dup.jsonl:3', 3, 'duplicate_key', { key: 'k', path: 'b.k', column: 33 }],
    ]);
    expect(r.out.map((i) => i.data['a'])).toEqual([5]);
  });

  it('a string with a lone surrogate is a lone_surrogate drop naming its path; a pair written as escapes is fine', async () => {
    const path = tmpFile(
      'sur.jsonl',
      ['{"a": "x\\ud800y"}', '{"a": "ok", "b": [{"c": "\\uDC00"}]}', '{"a": "ok", "\\ud83d": 1}', '{"a": "\\ud83d\\ude00", "b": "\\\\ud800"}'].join('\n'),
    );
    const r = await runStage(importJsonl({ path, fields: { a: 'a' } }));
    expect(drops(r)).toEqual([
      ['sur.jsonl:1', 1, 'lone_surrogate', { path: 'a' }],
      ['sur.jsonl:2', 2, 'lone_surrogate', { path: 'b[0].c' }],
      ['sur.jsonl:3', 3, 'lone_surrogate', { path: '["\\ud83d"]' }],
    ]);
    expect(r.out.map((i) => i.data['a'])).toEqual(['\u{1f600}']);
  });

  it('evals lines get the same drops', async () => {
    const ok = '{"input": [{"role": "user", "content": "q"}], "ideal": "A"}';
    const path = tmpFile('e.jsonl', bytes(ok, '\n{"input": [{"role": "user", "content": "', [0xff], '"}], "ideal": "A"}\n', '{"input": [], "ideal": "A", "ideal": "B"}\n', '{"input": [{"role": "user", "content": "\\udfff"}], "ideal": "A"}\n'));
    const r = await runStage(importEvals({ path }));
    expect(drops(r)).toEqual([
      ['e.jsonl:2', 2, 'invalid_utf8', { column: 41, byte: '0xff' }],
      ['e.jsonl:3', 3, 'duplicate_key', { key: 'ideal', path: 'ideal', column: 29 }],
      ['e.jsonl:4', 4, 'lone_surrogate', { path: 'input[0].content' }],
    ]);
    expect(r.out.map((i) => i.id)).toEqual(['e.jsonl:1']);
  });
});

describe('other encodings are named', () => {
  const line = '{"a": "b"}\n{"a": "c"}\n';
  const utf32le = (s: string) => {
    const out = Buffer.alloc(s.length * 4);
    [...s].forEach((ch, i) => out.writeUInt32LE(ch.codePointAt(0)!, i * 4));
    return out;
  };
  it.each([
    ['with a BOM', Buffer.from(`\ufeff${line}`, 'utf16le'), 'UTF-16 (little-endian) text (with a byte order mark)', 'UTF-16'],
    ['without a BOM', Buffer.from(line, 'utf16le'), 'UTF-16 (little-endian) text', 'UTF-16LE'],
    ['big-endian', Buffer.from(line, 'utf16le').swap16(), 'UTF-16 (big-endian) text', 'UTF-16BE'],
    ['UTF-32 with a BOM', utf32le(`\ufeff${line}`), 'UTF-32 (little-endian) text (with a byte order mark)', 'UTF-32'],
    ['UTF-32 big-endian', utf32le(line).swap32(), 'UTF-32 (big-endian) text', 'UTF-32BE'],
  ])('%s', async (_name, content, what, from) => {
    const path = tmpFile('data.jsonl', content);
    const message = `${path}: is ${what}, and tuneset reads UTF-8; convert it: iconv -f ${from} -t UTF-8 data.jsonl > data.utf8.jsonl`;
    expect(await failure(runStage(importJsonl({ path, fields: { a: 'a' } })))).toBe(message);
  });

  it('inside gzip too, and in every importer', async () => {
    const utf16 = Buffer.from(`\ufeff${line}`, 'utf16le');
    const gz = tmpFile('data.jsonl.gz', gzipSync(utf16));
    expect(await failure(runStage(importEvals({ path: gz })))).toMatch(/data\.jsonl\.gz: is UTF-16 \(little-endian\) text \(with a byte order mark\), and tuneset reads UTF-8; convert it: iconv -f UTF-16 -t UTF-8 data\.jsonl\.gz > data\.jsonl\.utf8\.gz$/);
    const csv = tmpFile('t.csv', Buffer.from('\ufeffa,b\n1,2\n', 'utf16le'));
    expect(await failure(runStage(importCsv({ path: csv, fields: { a: 'a' } })))).toMatch(/t\.csv: is UTF-16 \(little-endian\) text/);
    const json = tmpFile('t.json', Buffer.from('[{"id": "p"}]', 'utf16le'));
    expect(await failure(runStage(importArLsat({ path: json })))).toMatch(/t\.json: is UTF-16 \(little-endian\) text, /);
  });
});

describe('importArLsat decodes strictly', () => {
  const question = (id: string, extra = '') => `{"id": "${id}", "question": "Q?", "options": ["a", "b"], "answer": "A"${extra}}`;

  it('a byte that is not UTF-8 stops the run, naming its line and column', async () => {
    const path = tmpFile('bad.json', bytes('[\n  {"id": "p1", "passage": "caf\u00e9", "questions": [\n    ', question('p1_1'), ']},\n  {"id": "p2", "passage": "x', [0xc0, 0xaf], '", "questions": []}\n]\n'));
    expect(await failure(runStage(importArLsat({ path })))).toBe(`${path}: line 4, column 29: invalid UTF-8 byte 0xc0 (byte 159 of the file); the file must be UTF-8 text`);
  });

  it('a key written twice or a lone surrogate drops the question it is in, or the passage when outside its questions', async () => {
    const path = tmpFile(
      'keys.json',
      [
        '[',
        '  {"id": "p1", "passage": "P", "questions": [',
        `    ${question('p1_1')},`,
        `    ${question('p1_2', ', "answer": "B"')},`,
        `    ${question('p1_3', ', "note": "\\ud800"')}`,
        '  ]},',
        '  {"id": "p2", "passage": "P", "passage": "Q", "questions": [',
        `    ${question('p2_1')}`,
        '  ]},',
        '  {"id": "p3", "passage": "\\udc00", "questions": [',
        `    ${question('p3_1')}`,
        '  ]}',
        ']',
      ].join('\n'),
    );
    const r = await runStage(importArLsat({ path }));
    expect(r.out.map((i) => i.id)).toEqual(['p1_1']);
    expect(drops(r)).toEqual([
      ['p1_2', 4, 'duplicate_key', { key: 'answer', path: 'questions[1].answer', line: 4, column: 76 }],
      ['p1_3', 5, 'lone_surrogate', { path: 'questions[2].note' }],
      ['p2', 7, 'duplicate_key', { key: 'passage', path: 'passage', line: 7, column: 32 }],
      ['p3', 10, 'lone_surrogate', { path: 'passage' }],
    ]);
    expect([r.counters.in, r.counters.expanded, r.counters.out, r.counters.dropped, r.counters.balanced()]).toEqual([3, 2, 1, 4, true]);
  });
});

describe('importCsv decodes strictly', () => {
  it('a row with bytes that are not UTF-8 is an invalid_utf8 drop naming the line and byte column, even inside a quoted field over lines', async () => {
    const path = tmpFile('t.csv', bytes('q,a\r\n', 'caf\u00e9,ok \ufffd\r\n', 'x', [0xff], ',y\r\n', '"two\r\nli', [0xe2, 0x28], 'nes",z\r\n', 'good,row\r\n'));
    const r = await runStage(importCsv({ path, fields: { q: 'q', a: 'a' } }));
    expect(r.out.map((i) => [i.source.line, i.data])).toEqual([
      [2, { q: 'caf\u00e9', a: 'ok \ufffd' }],
      [6, { q: 'good', a: 'row' }],
    ]);
    expect(drops(r)).toEqual([
      ['t.csv:3', 3, 'invalid_utf8', { line: 3, column: 2, byte: '0xff' }],
      ['t.csv:4', 4, 'invalid_utf8', { line: 5, column: 3, byte: '0xe2' }],
    ]);
    expect(r.rejected.map((x) => x.data)).toEqual([{ raw: 'x\ufffd,y' }, { raw: '"two\r\nli\ufffd(nes",z' }]);
    expect(r.counters.balanced()).toBe(true);
  });

  it('a header row that is not UTF-8 stops the run', async () => {
    const path = tmpFile('h.csv', bytes('q,', [0x80], 'a\n1,2\n'));
    expect(await failure(runStage(importCsv({ path, fields: { q: 'q' } })))).toBe(`${path}: line 1, column 3: the header row is not UTF-8 text (invalid byte 0x80)`);
  });
});
