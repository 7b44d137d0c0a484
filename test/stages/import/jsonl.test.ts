import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { importJsonl } from '../../../src/stages/import/index.js';
import { runStage } from '../../helpers/run-stage.js';
import { runFirst, tmpFile } from './helpers.js';

const RECORDS = 'fixtures/import/records.jsonl';
const fields = { question: 'q.text', answer: 'a', lang: { path: 'q.lang', optional: true } };

const drops = (r: Awaited<ReturnType<typeof runStage>>) => r.drops.map((d) => [d.source.line, d.code, d.detail]);

describe('importJsonl', () => {
  it('maps dotted paths into data, takes id and group from the record, and drops bad lines', async () => {
    const r = await runStage(importJsonl({ path: RECORDS, fields, id: 'uid', group: 'topic' }));
    expect(r.out).toEqual([
      { id: 'r1', group: 'math', source: { uri: RECORDS, line: 1 }, data: { question: 'What is two plus two?', answer: 'four', lang: 'en' }, meta: {} },
      { id: '2', group: 'art', source: { uri: RECORDS, line: 2 }, data: { question: 'Name a colour.', answer: 'blue' }, meta: {} },
      { id: 'r8', group: 'geo', source: { uri: RECORDS, line: 9 }, data: { question: 'What is the capital of Peru?', answer: 'Lima' }, meta: {} },
    ]);
    expect(r.drops.map((d) => [d.id, d.source])).toEqual([3, 5, 6, 7, 8].map((line) => [`records.jsonl:${line}`, { uri: RECORDS, line }]));
    expect(drops(r)).toEqual([
      // Line 4 holds only spaces: it belongs to the run that starts at line 3.
      [3, 'empty_lines', { lines: 2 }],
      [5, 'invalid_json', { message: "Expected ',' or '}' after property value in JSON at position 41", column: 42 }],
      [6, 'missing_field', { fields: { question: 'q.text', answer: 'a' } }],
      [7, 'invalid_record', { message: 'expected a JSON object, got array' }],
      [8, 'empty_lines', { lines: 1 }],
    ]);
    expect([r.counters.in, r.counters.out, r.counters.dropped, r.counters.balanced()]).toEqual([8, 3, 5, true]);
  });

  it('ids default to <basename>:<line>; a missing id or group path is a missing_field', async () => {
    const r = await runStage(importJsonl({ path: RECORDS, fields: { answer: 'a' } }));
    expect(r.out.map((i) => [i.id, i.group])).toEqual([
      ['records.jsonl:1', undefined],
      ['records.jsonl:2', undefined],
      ['records.jsonl:9', undefined],
    ]);
    const path = tmpFile('keys.jsonl', '{"a": 1, "g": "x"}\n{"a": 2, "k": "y"}\n{"a": 3, "k": {"no": 1}, "g": "z"}\n');
    const k = await runStage(importJsonl({ path, fields: { a: 'a' }, id: 'k', group: 'g' }));
    expect(drops(k)).toEqual([
      [1, 'missing_field', { fields: { id: 'k' } }],
      [2, 'missing_field', { fields: { group: 'g' } }],
      [3, 'invalid_field', { field: 'id', path: 'k', message: 'expected a string or a number, got object' }],
    ]);
  });

  it('indexes arrays with numeric path segments', async () => {
    const path = tmpFile('chat.jsonl', '{"messages": [{"content": "hi"}, {"content": "hello"}]}\n');
    const r = await runStage(importJsonl({ path, fields: { prompt: 'messages.0.content', reply: 'messages.1.content', extra: { path: 'messages.2.content', optional: true } } }));
    expect(r.out.map((i) => i.data)).toEqual([{ prompt: 'hi', reply: 'hello' }]);
  });

  it.each([
    ['one final newline is not a blank line', '{"a": 1}\n', [], 1],
    ['no final newline', '{"a": 1}', [], 1],
    ['blank lines at the end are one run', '{"a": 1}\n\n\n', [[2, 'empty_lines', { lines: 2 }]], 2],
    ['blank lines at the start', '\n \r\n{"a": 1}\n', [[1, 'empty_lines', { lines: 2 }]], 2],
    ['CRLF lines', '{"a": 1}\r\n{"a": 2}\r\n', [], 2],
    // An empty file is an error naming it: test/stages/import/no-records.test.ts.
  ])('%s', async (_name, text, expected, counted) => {
    const r = await runStage(importJsonl({ path: tmpFile('t.jsonl', text), fields: { a: 'a' } }));
    expect(drops(r)).toEqual(expected);
    expect([r.counters.in, r.counters.balanced()]).toEqual([counted, true]);
  });

  it('reads gzip and keeps the ledger balanced when the consumer stops after any item', async () => {
    const path = tmpFile('r.jsonl.gz', gzipSync('{"a": 1}\n\n{"a": 2}\nnot json\n{"a": 3}\n'));
    const all = await runStage(importJsonl({ path, fields: { a: 'a' } }));
    expect(all.out.map((i) => [i.id, i.data])).toEqual([
      ['r.jsonl.gz:1', { a: 1 }],
      ['r.jsonl.gz:3', { a: 2 }],
      ['r.jsonl.gz:5', { a: 3 }],
    ]);
    for (let n = 1; n <= 3; n++) expect((await runFirst(importJsonl({ path, fields: { a: 'a' } }), n)).counters.balanced()).toBe(true);
  });

  it('rejects an empty field mapping when the pipeline is loaded', () => {
    expect(() => importJsonl({ path: RECORDS, fields: {} })).toThrow(expect.objectContaining({ message: 'stage "import-jsonl": option fields: map at least one field' }));
  });
  it('keeps the text of a line that never became a record, as written', async () => {
    const r = await runStage(importJsonl({ path: RECORDS, fields, id: 'uid', group: 'topic' }));
    const raw = readFileSync(RECORDS, 'utf8').split('\n');
    expect(r.drops.map((d, i) => [d.source.line, d.code, r.rejected[i]!.data])).toEqual([
      [3, 'empty_lines', undefined],
      [5, 'invalid_json', { raw: raw[4] }],
      [6, 'missing_field', { raw: raw[5] }],
      [7, 'invalid_record', { raw: raw[6] }],
      [8, 'empty_lines', undefined],
    ]);
    const crlf = tmpFile('crlf.jsonl', '{"a": 1}\r\n{"b": 2}\r\n');
    const c = await runStage(importJsonl({ path: crlf, fields: { a: 'a' } }));
    expect(c.rejected.map((d) => d.data)).toEqual([{ raw: '{"b": 2}' }]);
  });
});
