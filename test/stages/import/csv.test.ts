import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { sourceFailure } from '../../helpers/source-failure.js';
import { importCsv } from '../../../src/stages/import/index.js';
import { runStage } from '../../helpers/run-stage.js';
import { runFirst, serve, tmpFile } from './helpers.js';

const EDGES = 'fixtures/import/questions.csv';
const DEFECTS = 'fixtures/import/questions-defects.csv';
const UNCLOSED = 'fixtures/import/questions-unclosed.csv';
const fields = { question: 'question', answer: 'answer' };

const drops = (r: Awaited<ReturnType<typeof runStage>>) => r.drops.map((d) => [d.id, d.source.line, d.code, d.detail]);

const failure = sourceFailure;

describe('importCsv', () => {
  it('reads a BOM, CRLF, quoted commas, doubled quotes and a line break inside a quoted field', async () => {
    const r = await runStage(importCsv({ path: EDGES, fields: { ...fields, notes: { path: 'notes', optional: true } }, id: 'id' }));
    expect(r.out).toEqual([
      { id: 'c1', source: { uri: EDGES, line: 2 }, data: { question: 'Which is larger, 3 or 5?', answer: '5', notes: 'plain' }, meta: {} },
      { id: 'c2', source: { uri: EDGES, line: 3 }, data: { question: 'Line one\r\nline two, with a comma', answer: 'B', notes: 'She said "yes"' }, meta: {} },
      // Line 5: the row before spans lines 3 and 4. An empty optional cell is left out.
      { id: 'c3', source: { uri: EDGES, line: 5 }, data: { question: 'Unquoted question', answer: 'C' }, meta: {} },
    ]);
    expect(r.drops).toEqual([]);
    expect(r.inputs).toEqual([{ uri: EDGES, sha256: expect.stringMatching(/^[0-9a-f]{64}$/), bytes: readFileSync(EDGES).length }]);
  });

  it('drops rows with the wrong number of cells, blank-line runs and empty required cells, and goes on', async () => {
    const r = await runStage(importCsv({ path: DEFECTS, fields }));
    expect(r.out.map((i) => [i.id, i.source.line, i.data])).toEqual([
      ['questions-defects.csv:2', 2, { question: 'First question', answer: 'A' }],
      ['questions-defects.csv:8', 8, { question: 'Multi\nline', answer: 'D' }],
    ]);
    expect(drops(r)).toEqual([
      ['questions-defects.csv:3', 3, 'wrong_column_count', { expected: 3, got: 4 }],
      ['questions-defects.csv:4', 4, 'empty_lines', { lines: 2 }],
      ['questions-defects.csv:6', 6, 'missing_field', { fields: { question: 'question' } }],
      ['questions-defects.csv:7', 7, 'wrong_column_count', { expected: 3, got: 1 }],
    ]);
    expect([r.counters.in, r.counters.out, r.counters.dropped, r.counters.balanced()]).toEqual([6, 2, 4, true]);
  });

  it('stops at a quote that is never closed, naming the row where it opened', async () => {
    expect(await failure(runStage(importCsv({ path: UNCLOSED, fields })))).toBe(
      `${UNCLOSED}: line 3: CSV syntax error: Quote Not Closed: a quote opened in this row is never closed (the input ends inside it, at line 4)`,
    );
  });

  it('stops when a mapped column is not in the header, or is in it twice', async () => {
    expect(await failure(runStage(importCsv({ path: EDGES, fields: { question: 'prompt' } })))).toBe(
      `${EDGES}: column "prompt" (fields.question) is not in the header row: "id", "question", "answer", "notes"`,
    );
    const twice = tmpFile('twice.csv', 'q,q\n1,2\n');
    expect(await failure(runStage(importCsv({ path: twice, fields: { question: 'q' } })))).toBe(`${twice}: column "q" (fields.question) appears twice in the header row`);
  });

  it.each([
    ['one final newline is not a blank line', 'q\n1\n', [], 1],
    ['blank lines at the end are one run', 'q\n1\n\n\n', [['t.csv:3', 3, 'empty_lines', { lines: 2 }]], 2],
    ['CRLF blank lines at the end', 'q\r\n1\r\n\r\n', [['t.csv:3', 3, 'empty_lines', { lines: 1 }]], 2],
    ['blank lines before the header', '\n\nq\n1\n', [['t.csv:1', 1, 'empty_lines', { lines: 2 }]], 2],
    // A header and nothing else, or an empty file, is an error naming it: no-records.test.ts.
  ])('%s', async (_name, text, expected, counted) => {
    const r = await runStage(importCsv({ path: tmpFile('t.csv', text), fields: { q: 'q' } }));
    expect(drops(r)).toEqual(expected);
    expect([r.counters.in, r.counters.balanced()]).toEqual([counted, true]);
  });

  it('takes another delimiter, and id and group columns', async () => {
    const path = tmpFile('semi.csv', 'key;text;set\nk1;"a; b";s1\nk2;c;\n');
    const r = await runStage(importCsv({ path, fields: { text: 'text' }, id: 'key', group: 'set', delimiter: ';' }));
    expect(r.out.map((i) => [i.id, i.group, i.data])).toEqual([['k1', 's1', { text: 'a; b' }]]);
    expect(drops(r)).toEqual([['semi.csv:3', 3, 'missing_field', { fields: { group: 'set' } }]]);
  });

  it('reads gzip over http', async () => {
    const server = await serve({ '/q.csv.gz': { body: gzipSync(readFileSync(EDGES)) } });
    try {
      const url = server.url('/q.csv.gz');
      const r = await runStage(importCsv({ path: url, fields, id: 'id' }));
      expect(r.out.map((i) => [i.id, i.source])).toEqual([
        ['c1', { uri: url, line: 2 }],
        ['c2', { uri: url, line: 3 }],
        ['c3', { uri: url, line: 5 }],
      ]);
    } finally {
      await server.close();
    }
  });

  it('keeps the ledger balanced when the consumer stops after any item', async () => {
    for (let n = 1; n <= 2; n++) {
      const r = await runFirst(importCsv({ path: DEFECTS, fields }), n);
      expect([r.counters.out, r.counters.balanced()]).toEqual([n, true]);
    }
  });
  it('keeps the text of a rejected row as written: every line of it, without blank lines before it or its line end', async () => {
    const r = await runStage(importCsv({ path: DEFECTS, fields }));
    expect(r.drops.map((d, i) => [d.id, d.code, r.rejected[i]!.data])).toEqual([
      ['questions-defects.csv:3', 'wrong_column_count', { raw: 'd2,Too many,B,extra' }],
      ['questions-defects.csv:4', 'empty_lines', undefined],
      ['questions-defects.csv:6', 'missing_field', { raw: 'd5,,C' }],
      ['questions-defects.csv:7', 'wrong_column_count', { raw: 'd6' }],
    ]);
    const crlf = tmpFile('crlf.csv', '\ufeffq,a\r\n"two\r\nlines",x,extra\r\n\r\n"quoted, comma"\r\n');
    const c = await runStage(importCsv({ path: crlf, fields: { q: 'q', a: 'a' } }));
    expect(c.drops.map((d, i) => [d.id, d.code, c.rejected[i]!.data])).toEqual([
      ['crlf.csv:2', 'wrong_column_count', { raw: '"two\r\nlines",x,extra' }],
      ['crlf.csv:4', 'empty_lines', undefined],
      ['crlf.csv:5', 'wrong_column_count', { raw: '"quoted, comma"' }],
    ]);
  });

  it('names the line where the bad field starts: below its row\'s first line when an earlier field spans lines, and past rows the parser read ahead', async () => {
    const path = tmpFile('field.csv', 'q,a\r\nok,"multi\r\nline"\r\n\r\n"two\r\nlines",""bad"x\r\nz,z\r\n');
    expect(await failure(runStage(importCsv({ path, fields: { q: 'q', a: 'a' } })))).toMatch(new RegExp(`^${path}: line 6: CSV syntax error: Invalid Closing Quote`));
  });

  it('leaves out an optional column the header does not have', async () => {
    const path = tmpFile('no-notes.csv', 'question,answer\nQ,A\n');
    const r = await runStage(importCsv({ path, fields: { ...fields, notes: { path: 'notes', optional: true } } }));
    expect(r.out.map((i) => i.data)).toEqual([{ question: 'Q', answer: 'A' }]);
  });
});
