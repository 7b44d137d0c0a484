import { expect, test } from 'vitest';
import { decontaminate } from '../../../src/stages/decontaminate/index.js';
import { item, runStage } from '../../helpers/run-stage.js';
import { tmpFile } from '../import/helpers.js';

// An eval set read wrongly would let contaminated items through unseen: bad text stops the run.
const run = (path: string) =>
  runStage(decontaminate({ against: path, fields: ['question'] }), [item('t1', { question: 'Which of the following must be true?' })]).then(
    () => 'no error',
    (e: Error) => e.message,
  );

test('an eval JSONL line that is not UTF-8 stops the run, naming line, column and byte', async () => {
  const path = tmpFile('evals.jsonl', Buffer.concat([Buffer.from('{"input": [{"role": "user", "content": "ok"}]}\n{"input": [{"role": "user", "content": "x'), Buffer.from([0xfe]), Buffer.from('"}]}\n')]));
  expect(await run(path)).toBe(`${path}: line 2, column 42: invalid UTF-8 byte 0xfe; the file must be UTF-8 text`);
});

test('an AR-LSAT eval file that is not UTF-8, or one in UTF-16, stops the run', async () => {
  const json = tmpFile('eval.json', Buffer.concat([Buffer.from('[{"id": "p", "passage": "'), Buffer.from([0xa0]), Buffer.from('", "questions": []}]')]));
  expect(await run(json)).toBe(`${json}: line 1, column 26: invalid UTF-8 byte 0xa0 (byte 26 of the file); the file must be UTF-8 text`);
  const utf16 = tmpFile('eval.jsonl', Buffer.from('\ufeff{"input": [{"role": "user", "content": "x"}]}\n', 'utf16le'));
  expect(await run(utf16)).toBe(`${utf16}: is UTF-16 (little-endian) text (with a byte order mark), and tuneset reads UTF-8; convert it: iconv -f UTF-16 -t UTF-8 eval.jsonl > eval.utf8.jsonl`);
});
