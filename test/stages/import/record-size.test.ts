import { describe, expect, it } from 'vitest';
import { importArLsat, importCsv, importEvals, importJsonl } from '../../../src/stages/import/index.js';
import { readTextLines } from '../../../src/stages/import/text-lines.js';
import { runStage } from '../../helpers/run-stage.js';
import { tmpFile } from './helpers.js';

const drops = (r: Awaited<ReturnType<typeof runStage>>) => r.drops.map((d) => [d.id, d.code, d.detail]);

describe('maxRecordBytes: a line over the limit is a drop, checked while reading', () => {
  it('JSONL: the long line is record_too_large with its size; the lines around it are read', async () => {
    const long = JSON.stringify({ a: 'x'.repeat(200) });
    const path = tmpFile('long.jsonl', `{"a": 1}\n${long}\n{"a": 2}\n`);
    const r = await runStage(importJsonl({ path, fields: { a: 'a' }, maxRecordBytes: 100 }));
    expect(r.out.map((i) => i.data)).toEqual([{ a: 1 }, { a: 2 }]);
    expect(drops(r)).toEqual([['long.jsonl:2', 'record_too_large', { bytes: long.length, limit: 100 }]]);
    // Not its text: the line was never held.
    expect(r.rejected[0]!.data).toBeUndefined();
    expect([r.counters.in, r.counters.balanced()]).toEqual([3, true]);
  });

  it('a line of exactly the limit passes, its CR not counted; one byte more does not', async () => {
    const at = (n: number) => JSON.stringify({ a: 'y'.repeat(n - 8) });
    const path = tmpFile('edge.jsonl', `${at(50)}\r\n${at(51)}\r\n${at(50)}`);
    const r = await runStage(importJsonl({ path, fields: { a: 'a' }, maxRecordBytes: 50 }));
    expect(r.out.map((i) => i.source.line)).toEqual([1, 3]);
    expect(drops(r)).toEqual([['edge.jsonl:2', 'record_too_large', { bytes: 51, limit: 50 }]]);
  });

  it('evals: a long last line without a line end', async () => {
    const path = tmpFile('long-evals.jsonl', `{"input": [{"role": "user", "content": "hi"}], "ideal": "A"}\n${'z'.repeat(5000)}`);
    const r = await runStage(importEvals({ path, maxRecordBytes: 1024 }));
    expect(r.out).toHaveLength(1);
    expect(drops(r)).toEqual([['long-evals.jsonl:2', 'record_too_large', { bytes: 5000, limit: 1024 }]]);
  });

  it('the default limit is 8 MiB', () => {
    expect(importJsonl({ path: 'x.jsonl', fields: { a: 'a' } }).options).toMatchObject({ maxRecordBytes: 8 * 1024 * 1024 });
    expect(() => importJsonl({ path: 'x.jsonl', fields: { a: 'a' }, maxRecordBytes: 0 })).toThrow(/maxRecordBytes/);
  });

  it('a 600 MiB line is skipped while streaming, never held (it would not fit in a string)', async () => {
    const chunk = Buffer.alloc(1 << 16, 0x61);
    const chunks = async function* () {
      yield Buffer.from('{"a": 1}\n');
      for (let i = 0; i < 9600; i++) yield chunk;
      yield Buffer.from('\n{"a": 2}\n');
    };
    const lines = [];
    for await (const l of readTextLines(chunks(), 8 * 1024 * 1024)) lines.push(l);
    expect(lines).toEqual([
      { text: '{"a": 1}', line: 1 },
      { text: '', line: 2, tooLarge: 9600 * 65536 },
      { text: '{"a": 2}', line: 3 },
    ]);
  });
});

describe('maxRecordBytes in CSV and AR-LSAT: the run stops naming the place', () => {
  it('CSV: a row over the limit stops the run with the line where the row starts', async () => {
    const path = tmpFile('long.csv', `q,a\nx,y\n\n"${'w'.repeat(3000)}",z\nu,v\n`);
    await expect(runStage(importCsv({ path, fields: { q: 'q', a: 'a' }, maxRecordBytes: 1024 }))).rejects.toThrow(
      `${path}: line 4: a row over maxRecordBytes (1 KiB); a field this long is not text for fine-tuning, or a quote is never closed`,
    );
  });

  it('CSV: a quote never closed stops at the limit, not at the end of a huge file', async () => {
    const path = tmpFile('open-quote.csv', `q,a\n"open,${'line\n'.repeat(1000)}`);
    await expect(runStage(importCsv({ path, fields: { q: 'q', a: 'a' }, maxRecordBytes: 2000 }))).rejects.toThrow(/open-quote\.csv: line 2: a row over maxRecordBytes \(2000 bytes\)/);
  });

  it('CSV: rows within the limit are read', async () => {
    const path = tmpFile('ok.csv', `q,a\n${'p'.repeat(1000)},z\n`);
    const r = await runStage(importCsv({ path, fields: { q: 'q', a: 'a' }, maxRecordBytes: 1024 }));
    expect(r.out).toHaveLength(1);
  });
});

describe('maxRecordBytes in AR-LSAT', () => {
  const question = { id: 'p1_1', question: 'Which?', options: ['a', 'b'], answer: 'A' };
  it('a passage over the limit stops the run naming where it starts', async () => {
    const big = { id: 'p2', passage: 'x'.repeat(5000), questions: [{ ...question, id: 'p2_1' }] };
    const path = tmpFile('big.json', `[\n  ${JSON.stringify({ id: 'p1', passage: 'ok', questions: [question] })},\n  ${JSON.stringify(big)}\n]\n`);
    const r = runStage(importArLsat({ path, maxRecordBytes: 4096 }));
    await expect(r).rejects.toThrow(`${path}: line 3, column 3: an array element over maxRecordBytes (4 KiB); is a string or bracket never closed?`);
  });

  it('a string that never closes stops at the limit, not at the end of the heap', async () => {
    const chunk = Buffer.alloc(1 << 16, 0x61);
    const { readJsonArray } = await import('../../../src/stages/import/json-array-reader.js');
    const chunks = async function* () {
      yield Buffer.from('[{"id": "p1", "passage": "');
      // 16 GiB if it were read to the end; the limit stops it after 1 MiB.
      for (let i = 0; i < 1 << 18; i++) yield chunk;
    };
    const read = async () => {
      for await (const _ of readJsonArray(chunks(), 'open.json', 'questions', 1 << 20)) void _;
    };
    await expect(read()).rejects.toThrow('open.json: line 1, column 2: an array element over maxRecordBytes (1 MiB); is a string or bracket never closed?');
  });

  it('passages within the limit are read', async () => {
    const path = tmpFile('ok.json', JSON.stringify([{ id: 'p1', passage: 'ok', questions: [question] }]));
    expect((await runStage(importArLsat({ path, maxRecordBytes: 200 }))).out).toHaveLength(1);
  });
});
