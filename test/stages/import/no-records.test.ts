import { expect, test } from 'vitest';
import { sourceFailure } from '../../helpers/source-failure.js';
import { importArLsat, importCsv, importEvals, importJsonl } from '../../../src/stages/import/index.js';
import { runStage } from '../../helpers/run-stage.js';
import { serve, tmpFile } from './helpers.js';

// A source that ends with no record names what its input looked like, instead of the run ending
// only in "no examples were written" or "the written files would be rejected by OpenAI".
const failure = sourceFailure;
const fields = { question: 'q', answer: 'a' };
const jsonl = (path: string) => runStage(importJsonl({ path, fields }));
const HTML = '<!DOCTYPE html>\n<html><body><h1>Sign in</h1></body></html>\n';

test('an empty JSONL file', async () => {
  const path = tmpFile('data.jsonl', '');
  expect(await failure(jsonl(path))).toBe(`${path}: no records: the file is empty (0 bytes)`);
});

test('a JSONL file of blank lines', async () => {
  const path = tmpFile('data.jsonl', '\n  \n\n');
  expect(await failure(jsonl(path))).toBe(`${path}: no records: the file holds only blank lines`);
});

test('a pretty-printed JSON array given to importJsonl', async () => {
  const path = tmpFile('data.jsonl', JSON.stringify([{ q: 'a', a: 'b' }, { q: 'c', a: 'd' }], null, 2));
  expect(await failure(jsonl(path))).toBe(`${path}: no records: the file looks like a JSON array, not JSON lines (one object per line); convert it with jq -c '.[]'`);
});

test('a JSON array on one line given to importEvals', async () => {
  const path = tmpFile('evals.jsonl', '[{"input": [{"role": "user", "content": "hi"}], "ideal": "x"}]\n');
  expect(await failure(runStage(importEvals({ path })))).toBe(`${path}: no records: the file looks like a JSON array, not JSON lines (one object per line); convert it with jq -c '.[]'`);
});

test('an HTML page saved as data', async () => {
  const path = tmpFile('data.jsonl', HTML);
  expect(await failure(jsonl(path))).toBe(`${path}: no records: the file is an HTML page (<!DOCTYPE html>), not data; it was perhaps saved from a browser`);
});

test('an HTML page served with status 200 where JSONL was expected', async () => {
  const server = await serve({ '/data.jsonl': { body: `\n  <html lang="en">${'x'.repeat(100)}</html>` } });
  try {
    const url = server.url('/data.jsonl');
    expect(await failure(jsonl(url))).toBe(
      `${url}: no records: the response is an HTML page (<html lang="en">), not data; the URL may need a login, or name a page about the data rather than the data itself`,
    );
  } finally {
    await server.close();
  }
});

test('binary input: a PNG is refused from its head (binary-input.test.ts); UTF-8 lines with a NUL after the first, once no record came', async () => {
  const png = tmpFile('data.jsonl', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0xff]));
  expect(await failure(jsonl(png))).toBe(`${png}: is a PNG image, not text`);
  const nul = tmpFile('data.jsonl', Buffer.from('{"q": 1}\nab\u0000cd\n'));
  expect(await failure(jsonl(nul))).toBe(`${nul}: no records: the file is binary, not text (a NUL byte at offset 11)`);
});

test('a PDF (ASCII magic) is named only when no record came', async () => {
  const pdf = tmpFile('data.jsonl', '%PDF-1.7\n%\xe2\xe3\n');
  expect(await failure(jsonl(pdf))).toBe(`${pdf}: no records: the file is a PDF document, not text`);
});

test('Latin-1 text is named as not UTF-8, with the command that converts it', async () => {
  const path = tmpFile('data.jsonl', Buffer.from('{"q": "caf\xe9", "a": "x"}\n', 'latin1'));
  expect(await failure(jsonl(path))).toBe(`${path}: no records: the file is not UTF-8 text (binary, or text in another encoding such as Latin-1: iconv -f latin1 -t utf-8 converts that)`);
});

test('a CSV file with a header row and no rows, and an empty one', async () => {
  const path = tmpFile('data.csv', 'question,answer\r\n');
  expect(await failure(runStage(importCsv({ path, fields: { question: 'question', answer: 'answer' } })))).toBe(
    `${path}: no records: the file has a header row and no rows (question,answer)`,
  );
  const empty = tmpFile('data.csv', '');
  expect(await failure(runStage(importCsv({ path: empty, fields: { question: 'question' } })))).toBe(`${empty}: no records: the file is empty (0 bytes)`);
});

test('AR-LSAT: an empty file, an empty array and an HTML page', async () => {
  const empty = tmpFile('dev.json', '');
  expect(await failure(runStage(importArLsat({ path: empty })))).toBe(`${empty}: no records: the file is empty (0 bytes)`);
  const none = tmpFile('dev.json', '[ ]\n');
  expect(await failure(runStage(importArLsat({ path: none })))).toBe(`${none}: no records: the file is an empty JSON array ([])`);
  const page = tmpFile('dev.json', HTML);
  expect(await failure(runStage(importArLsat({ path: page })))).toBe(`${page}: no records: the file is an HTML page (<!DOCTYPE html>), not data; it was perhaps saved from a browser`);
});

test('an input with records says nothing, and all-dropped lines that look like nothing keep their drops', async () => {
  const good = tmpFile('data.jsonl', '{"q": "a", "a": "b"}\n');
  const empty = tmpFile('more.jsonl', '');
  expect((await jsonl(good)).out).toHaveLength(1);
  // Another input with records: an empty one beside it is no reason to stop.
  expect((await runStage(importJsonl({ path: [good, empty], fields }))).out).toHaveLength(1);
  const junk = tmpFile('data.jsonl', '{"x": 1}\n{"y": 2}\n');
  const r = await jsonl(junk);
  expect([r.out.length, r.drops.map((d) => d.code)]).toEqual([0, ['missing_field', 'missing_field']]);
});
