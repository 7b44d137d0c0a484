import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { AnswerCache } from '../../../src/train/eval/answer-cache.js';

const answer = (content: string) => ({ content, promptTokens: 10, completionTokens: 1 });
const line = (key: string, content: string) => `${JSON.stringify({ key, answer: answer(content) })}\n`;
const cachePath = () => join(mkdtempSync(join(tmpdir(), 'tuneset-answer-cache-')), 'eval-cache.jsonl');

test('a last line cut short by an interrupted eval is skipped and counted, and the next answer starts a fresh line', () => {
  const path = cachePath();
  writeFileSync(path, line('k1', 'A') + line('k2', 'B').slice(0, 25));
  const cache = new AnswerCache(path);
  expect([cache.get('k1'), cache.get('k2'), cache.tornLines]).toEqual([answer('A'), undefined, 1]);
  cache.set('k2', answer('C'));
  expect(readFileSync(path, 'utf8')).toBe(line('k1', 'A') + line('k2', 'C'));
  const again = new AnswerCache(path);
  expect([again.get('k2'), again.tornLines]).toEqual([answer('C'), 0]);
});

test('a broken line before the last is an error naming the cache file and the line', () => {
  const path = cachePath();
  writeFileSync(path, line('k1', 'A') + line('k2', 'B').slice(0, 25) + line('k3', 'C') + line('k4', 'D'));
  expect(() => new AnswerCache(path)).toThrow(`${path}: line 2 is not valid JSON (`);
  expect(() => new AnswerCache(path)).toThrow(/so the file is damaged or was edited\. Delete it to ask for every answer again\.$/);
  writeFileSync(path, `${line('k1', 'A')}{"key":"k2","answer":"B"}\n`);
  expect(() => new AnswerCache(path)).toThrow(`${path}: line 2 is not a cached answer, so the file is damaged or was edited. Delete it to ask for every answer again.`);
});
