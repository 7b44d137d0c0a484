import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ConfigError, SourceError } from '../../../src/pipeline/errors.js';
import { importArLsat } from '../../../src/stages/import/index.js';
import { runStage } from '../../helpers/run-stage.js';
import { runFirst, serve, tmpFile } from './helpers.js';

const VALID = 'fixtures/import/ar-lsat-valid.json';
const DEFECTS = 'fixtures/import/ar-lsat-defects.json';
const SYNTAX = 'fixtures/import/ar-lsat-syntax-error.json';

/** The error a run stopped with: it must be a SourceError; its message is returned for exact comparison. */
const stopped = async (run: Promise<unknown>): Promise<string> => {
  const error = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SourceError);
  return (error as SourceError).message;
};

const ledger = (c: { in: number; expanded: number; out: number; dropped: number; errored: number }) => ({
  in: c.in,
  expanded: c.expanded,
  out: c.out,
  dropped: c.dropped,
  balanced: c.in + c.expanded === c.out + c.dropped + c.errored,
});

const PASSAGE_1 =
  'Six runners (Ada, Ben, Cy, Di, Eve and Flo) finish a race one after another, with no ties. Ben finishes before Cy. ' +
  'Ada finishes third. The judge\'s note says "Di is never last"; the results sit in C:\\race\\results.';

describe('importArLsat', () => {
  it('yields one item per question, grouped by passage, with the line where each question starts', async () => {
    const r = await runStage(importArLsat({ path: VALID }));
    expect(r.drops).toEqual([]);
    expect(r.out.map((i) => [i.id, i.group, i.source.line])).toEqual([
      ['demo-1_1', 'demo-1', 6],
      ['demo-1_2', 'demo-1', 7],
      ['demo-1_3', 'demo-1', 8],
      ['demo-1_4', 'demo-1', 9],
      ['demo-1_5', 'demo-1', 10],
      ['demo-1_6', 'demo-1', 11],
      ['demo-2_1', 'demo-2', 19],
      ['demo-2_2', 'demo-2', 25],
    ]);
    expect(r.out[0]).toEqual({
      id: 'demo-1_1',
      group: 'demo-1',
      source: { uri: VALID, line: 6 },
      data: { passageId: 'demo-1', passage: PASSAGE_1, question: 'Which runner could finish first?', options: ['Ada', 'Ben', 'Cy', 'Di', 'Eve'], answer: 'B' },
      meta: { answer: 'B' },
    });
    expect(r.out[5]!.data.question).toBe('Which of the following is a "complete" order?');
    // Four options (A-D), non-ASCII text and \u escapes; the passage's other keys are ignored.
    expect(r.out[7]).toEqual({
      id: 'demo-2_2',
      group: 'demo-2',
      source: { uri: VALID, line: 25 },
      data: {
        passageId: 'demo-2',
        passage: 'A café serves four pastries (éclair, scone, tart, bun) on four days, one a day.',
        question: 'Which day can the tart — the house favourite — not be served?',
        options: ['day 1', 'day 2', 'day 3', 'day 4'],
        answer: 'A',
      },
      meta: { answer: 'A' },
    });
    expect(ledger(r.counters)).toEqual({ in: 2, expanded: 6, out: 8, dropped: 0, balanced: true });
  });

  it('records the input with the sha256 and size of its bytes', async () => {
    const r = await runStage(importArLsat({ path: VALID }));
    const bytes = readFileSync(VALID);
    expect(r.inputs).toEqual([{ uri: VALID, sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length }]);
  });

  it('drops defective passages and questions with a code, a detail and file:line, and goes on', async () => {
    const r = await runStage(importArLsat({ path: DEFECTS }));
    const at = (line: number) => ({ uri: DEFECTS, line });
    expect(r.out.map((i) => i.id)).toEqual(['mixed_1']);
    expect(r.drops).toEqual([
      { id: 'no-text', code: 'invalid_record', detail: { issues: [{ path: 'passage', message: 'Invalid input: expected string, received undefined' }] }, source: at(2) },
      { id: 'empty', code: 'no_questions', source: at(3) },
      { id: 'mixed_2', code: 'answer_out_of_range', detail: { answer: 'E', options: 4 }, source: at(9) },
      {
        id: 'mixed_3',
        code: 'invalid_record',
        detail: {
          issues: [
            { path: 'questions.2.question', message: 'Invalid input: expected string, received number' },
            { path: 'questions.2.options', message: 'Invalid input: expected array, received string' },
          ],
        },
        source: at(10),
      },
      {
        id: 'ar-lsat-defects.json:11',
        code: 'invalid_record',
        detail: {
          issues: [
            { path: 'questions.3.id', message: 'Invalid input: expected string, received undefined' },
            { path: 'questions.3.answer', message: 'Invalid option: expected one of "A"|"B"|"C"|"D"|"E"' },
          ],
        },
        source: at(11),
      },
      { id: 'mixed_1', code: 'duplicate_id', detail: { first: `${DEFECTS}:8` }, source: at(12) },
      { id: 'ar-lsat-defects.json:15', code: 'invalid_record', detail: { issues: [{ path: '(root)', message: 'Invalid input: expected object, received number' }] }, source: at(15) },
    ]);
    expect(ledger(r.counters)).toEqual({ in: 4, expanded: 4, out: 1, dropped: 7, balanced: true });
  });

  it('stops the run at a syntax error, naming the file, line, column and what was expected', async () => {
    expect(await stopped(runStage(importArLsat({ path: SYNTAX })))).toBe(
      `${SYNTAX}: line 6, column 113: expected ',' or '}' after a property value, found '"'`,
    );
  });

  it('reports a broken array between passages at its own line and column', async () => {
    const path = tmpFile('bad.json', '[\n  {"id": "a", "passage": "p", "questions": []}\n  {"id": "b"}\n]\n');
    expect(await stopped(runStage(importArLsat({ path })))).toBe(`${path}: line 3, column 3: expected ',' or ']' after an array element, found '{'`);
  });

  it('keeps the ledger balanced when the consumer stops after any item', async () => {
    for (const path of [VALID, DEFECTS]) {
      for (let n = 1; n <= 8; n++) {
        const r = await runFirst(importArLsat({ path }), n);
        expect(ledger(r.counters).balanced, `${path} after ${n}`).toBe(true);
      }
    }
    // Three questions of a passage of six: 1 in, 2 expanded, 3 out; the rest is never counted.
    const r = await runFirst(importArLsat({ path: VALID }), 3);
    expect(ledger(r.counters)).toEqual({ in: 1, expanded: 2, out: 3, dropped: 0, balanced: true });
    // Stopped early, the source still closed its table of ids (whose files would otherwise stay open).
    expect(readdirSync(join(r.ctx.tmpDir, 'import-ar-lsat-ids'))).toEqual([]);
    // An input not read to its end is not recorded: a hash of a prefix would name no file.
    expect(r.inputs).toEqual([]);
  });

  it('reads several inputs in order; a question id seen in an earlier file is a duplicate_id', async () => {
    const r = await runStage(importArLsat({ path: [VALID, pathToFileURL(VALID)] }));
    expect(r.out).toHaveLength(8);
    expect(r.drops.map((d) => [d.id, d.code, d.detail, d.source.line])).toEqual(
      r.out.map((i) => [i.id, 'duplicate_id', { first: `${VALID}:${i.source.line}` }, i.source.line]),
    );
    // A file URL inside the working directory is reported as the relative path, as --input would give it.
    expect(r.drops[0]!.source.uri).toBe(VALID);
    expect(ledger(r.counters)).toEqual({ in: 4, expanded: 12, out: 8, dropped: 8, balanced: true });
  });

  it('reads gzip, recognised by its magic bytes whatever the file is called', async () => {
    const raw = readFileSync(VALID);
    const gz = gzipSync(raw);
    for (const name of ['valid.json.gz', 'valid.json']) {
      const path = tmpFile(name, gz);
      const r = await runStage(importArLsat({ path }));
      expect(r.out.map((i) => i.id)).toEqual(['demo-1_1', 'demo-1_2', 'demo-1_3', 'demo-1_4', 'demo-1_5', 'demo-1_6', 'demo-2_1', 'demo-2_2']);
      expect(r.out[6]!.source).toEqual({ uri: path, line: 19 });
      expect(r.inputs).toEqual([{ uri: path, sha256: createHash('sha256').update(gz).digest('hex'), bytes: gz.length }]);
    }
  });

  it('reads over http, and stops with a SourceError on an HTTP error', async () => {
    const server = await serve({ '/ar-lsat.json.gz': { body: gzipSync(readFileSync(VALID)) } });
    try {
      const url = server.url('/ar-lsat.json.gz');
      const r = await runStage(importArLsat({ path: url }));
      expect(r.out.map((i) => i.source)).toEqual([6, 7, 8, 9, 10, 11, 19, 25].map((line) => ({ uri: url, line })));
      const missing = server.url('/missing.json');
      expect(await stopped(runStage(importArLsat({ path: missing })))).toBe(`${missing}: HTTP 404 Not Found`);
    } finally {
      await server.close();
    }
  });

  it('accepts --input in place of its default path', async () => {
    const r = await runStage(importArLsat({ path: 'fixtures/import/missing.json' }), [], { inputs: [VALID] });
    expect(r.out).toHaveLength(8);
  });

  it('rejects a bad option when the pipeline is loaded', () => {
    expect(() => importArLsat({ path: [] })).toThrow(ConfigError);
    expect(() => importArLsat({ path: 'x.json', extra: 1 } as never)).toThrow(expect.objectContaining({ message: 'stage "import-ar-lsat": unknown option "extra"' }));
  });
});
