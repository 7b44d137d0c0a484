import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { AnswerCache, type Purchase } from '../../../src/train/eval/answer-cache.js';

const purchase = (content: string): Purchase => ({
  answer: { content, promptTokens: 10, completionTokens: 1 },
  costUsd: 0.0000042,
  prices: { input: 0.3, output: 1.2, basis: 'fine-tuned gpt-4o-mini-2024-07-18' },
  boughtAt: '2026-11-23T12:00:00.000Z',
});
const line = (key: string, content: string) => `${JSON.stringify({ key, ...purchase(content) })}\n`;
const cachePath = () => join(mkdtempSync(join(tmpdir(), 'tuneset-answer-cache-')), 'eval-cache.jsonl');

test('a last line cut short by an interrupted eval is skipped and counted, and the next answer starts a fresh line', () => {
  const path = cachePath();
  writeFileSync(path, line('k1', 'A') + line('k2', 'B').slice(0, 25));
  const cache = new AnswerCache(path);
  expect([cache.get('k1'), cache.get('k2'), cache.tornLines]).toEqual([purchase('A'), undefined, 1]);
  cache.set('k2', purchase('C'));
  expect(readFileSync(path, 'utf8')).toBe(line('k1', 'A') + line('k2', 'C'));
  const again = new AnswerCache(path);
  expect([again.get('k2'), again.tornLines]).toEqual([purchase('C'), 0]);
});

test('what an answer cost when bought, and the prices it was bought at, are kept in the file and read back', () => {
  const path = cachePath();
  new AnswerCache(path).set('k1', purchase('A'));
  expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({
    key: 'k1',
    answer: { content: 'A', promptTokens: 10, completionTokens: 1 },
    costUsd: 0.0000042,
    prices: { input: 0.3, output: 1.2, basis: 'fine-tuned gpt-4o-mini-2024-07-18' },
    boughtAt: '2026-11-23T12:00:00.000Z',
  });
  expect(new AnswerCache(path).get('k1')?.costUsd).toBe(0.0000042);
});

test('a line written before costs were kept reads as an answer of unknown cost', () => {
  const path = cachePath();
  writeFileSync(path, `${JSON.stringify({ key: 'k1', answer: { content: 'A', promptTokens: 10, completionTokens: 1 } })}\n`);
  expect(new AnswerCache(path).get('k1')).toEqual({ answer: { content: 'A', promptTokens: 10, completionTokens: 1 }, costUsd: null });
});

test('a broken line before the last is an error naming the cache file and the line', () => {
  const path = cachePath();
  writeFileSync(path, line('k1', 'A') + line('k2', 'B').slice(0, 25) + line('k3', 'C') + line('k4', 'D'));
  expect(() => new AnswerCache(path)).toThrow(`${path}: line 2 is not valid JSON (`);
  expect(() => new AnswerCache(path)).toThrow(/so the file is damaged or was edited\. Delete it to ask for every answer again\.$/);
  writeFileSync(path, `${line('k1', 'A')}{"key":"k2","answer":"B"}\n`);
  expect(() => new AnswerCache(path)).toThrow(`${path}: line 2 is not a cached answer, so the file is damaged or was edited. Delete it to ask for every answer again.`);
  writeFileSync(path, `${line('k1', 'A')}${JSON.stringify({ key: 'k2', answer: { content: 'B', promptTokens: 1, completionTokens: 1 }, costUsd: '0.01' })}\n`);
  expect(() => new AnswerCache(path)).toThrow(`${path}: line 2 is not a cached answer`);
});
