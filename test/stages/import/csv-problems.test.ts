import { expect, test } from 'vitest';
import { sourceFailure } from '../../helpers/source-failure.js';
import { excerpt } from '../../../src/stages/import/excerpt.js';
import { importCsv } from '../../../src/stages/import/index.js';
import { runStage } from '../../helpers/run-stage.js';
import { tmpFile } from './helpers.js';

// CSV errors in words that help: the physical line where the bad field starts, a likely wrong
// delimiter named, and never more than a short excerpt of the input.
const failure = sourceFailure;
const fields = { question: 'question', answer: 'answer' };
const csv = (path: string, delimiter?: string) => runStage(importCsv({ path, fields, ...(delimiter ? { delimiter } : {}) }));
const rows = (from: number, n: number) => Array.from({ length: n }, (_, i) => `q${from + i},a${from + i}\n`).join('');

test('a quote opened on line 4001 and never closed is named at line 4001, not where the parser gave up', async () => {
  const path = tmpFile('big.csv', `question,answer\n${rows(1, 3999)}q,"open\n${rows(5000, 500)}`);
  expect(await failure(csv(path))).toBe(`${path}: line 4001: CSV syntax error: Quote Not Closed: a quote opened in this row is never closed (the input ends inside it, at line 4501)`);
});

test("a quote inside an unquoted field is named at its line, without the parser's own line", async () => {
  const path = tmpFile('mid.csv', `question,answer\n${rows(1, 3000)}q,say "hi"\n${rows(4000, 10)}`);
  expect(await failure(csv(path))).toBe(`${path}: line 3002: CSV syntax error: Invalid Opening Quote: a quote is found on field 1, value is "say "`);
});

test('a one-column header holding ; or a tab or | names the likely delimiter', async () => {
  const semi = tmpFile('semi.csv', 'question;answer\nq1;a1\nq2;a2\n');
  expect(await failure(csv(semi))).toBe(
    `${semi}: column "question" (fields.question) is not in the header row: "question;answer"; the header has one column; is the file separated by ';'? (delimiter: ';')`,
  );
  const tab = tmpFile('tab.csv', 'question\tanswer\nq1\ta1\n');
  expect(await failure(csv(tab))).toBe(
    `${tab}: column "question" (fields.question) is not in the header row: "question\\tanswer"; the header has one column; is the file separated by tabs? (delimiter: '\\t')`,
  );
  const pipe = tmpFile('pipe.csv', 'question|answer\nq1|a1\n');
  expect(await failure(csv(pipe))).toMatch(/is the file separated by '\|'\? \(delimiter: '\|'\)$/);
  // Given delimiter ';' for a comma file: the hint names the comma.
  const comma = tmpFile('comma.csv', 'question,answer\nq1,a1\n');
  expect(await failure(csv(comma, ';'))).toMatch(/is the file separated by ','\? \(delimiter: ','\)$/);
});

test('a header with two or more columns gets no delimiter hint', async () => {
  const path = tmpFile('other.csv', 'prompt,reply\nq1,a1\n');
  expect(await failure(csv(path))).toBe(`${path}: column "question" (fields.question) is not in the header row: "prompt", "reply"`);
});

test('a header error quotes at most 12 names of at most 40 characters, control characters escaped', async () => {
  const long = 'h'.repeat(1024 * 1024);
  const path = tmpFile('long.csv', `question,${long}\nq,a\n`);
  expect(await failure(csv(path))).toBe(`${path}: column "answer" (fields.answer) is not in the header row: "question", "${'h'.repeat(40)}... (1048536 more characters)"`);
  const wide = tmpFile('wide.csv', `${Array.from({ length: 30 }, (_, i) => `c${i}\u0001`).join(',')}\n`);
  expect(await failure(csv(wide))).toBe(
    `${wide}: column "question" (fields.question) is not in the header row: ${Array.from({ length: 12 }, (_, i) => `"c${i}\\u0001"`).join(', ')}, and 18 more`,
  );
});

test('excerpt escapes NULs and cuts long text, saying how much was left out', () => {
  expect(excerpt('a\u0000b\nc')).toBe('a\\u0000b\\nc');
  expect(excerpt('\u0000'.repeat(25_000_000), 10)).toBe(`${'\\u0000'.repeat(10)}... (24999990 more characters)`);
  expect(excerpt('say "hi"')).toBe('say "hi"');
});

test('the delimiter hint also ends a syntax error met before the header is used (quoted cells in a ; file)', async () => {
  const path = tmpFile('semi.csv', 'question;answer\n"Question 1: what is 1 plus one?";It is 2.\n');
  expect(await failure(csv(path))).toBe(
    `${path}: line 2: CSV syntax error: Invalid Closing Quote: got ";" instead of delimiter, record delimiter, trimable character (if activated) or comment; the header has one column; is the file separated by ';'? (delimiter: ';')`,
  );
});
