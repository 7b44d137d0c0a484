import { expect, test } from 'vitest';
import { createOnce } from '../../src/train/create-once.js';

const noSleep = async () => {};

test('create-once looks up before every attempt and never creates after a lost answer', async () => {
  let stored: string | undefined;
  let creates = 0;
  const result = await createOnce({
    find: async () => stored,
    create: async () => {
      creates++;
      stored = 'file-1';
      throw new Error('connection reset after commit');
    },
    retryable: () => true,
    sleep: noSleep,
  });
  expect(result).toEqual({ value: 'file-1', created: false });
  expect(creates).toBe(1);
});

test('an error that may not be retried is thrown after one attempt', async () => {
  let creates = 0;
  const create = async () => (creates++, Promise.reject(new Error('400 bad')));
  await expect(createOnce({ find: async () => undefined, create, retryable: () => false, sleep: noSleep })).rejects.toThrow('400 bad');
  expect(creates).toBe(1);
});

test('makes exactly `attempts` attempts, sleeping between them only, then throws the last error', async () => {
  const calls: string[] = [];
  const sleeps: [number, number | undefined][] = [];
  let n = 0;
  const run = createOnce({
    find: async () => (calls.push('find'), undefined),
    create: async () => (calls.push('create'), Promise.reject(new Error(`503 attempt ${++n}`))),
    retryable: () => true,
    retryAfterMs: () => 250,
    sleep: async (attempt, retryAfterMs) => void sleeps.push([attempt, retryAfterMs]),
    attempts: 3,
  });
  await expect(run).rejects.toThrow('503 attempt 3');
  expect(calls).toEqual(['find', 'create', 'find', 'create', 'find', 'create']);
  expect(sleeps).toEqual([[0, 250], [1, 250]]);
});

test('a failing lookup counts as an attempt, and the default cap is 10', async () => {
  let finds = 0;
  const run = createOnce({ find: async () => Promise.reject(new Error(`timeout ${++finds}`)), create: async () => 'never', retryable: () => true, sleep: noSleep });
  await expect(run).rejects.toThrow('timeout 10');
  expect(finds).toBe(10);
});
