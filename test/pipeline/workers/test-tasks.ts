// Tasks for the pool's own tests, imported by its threads through the real entry (worker-entry.mjs).
import { threadId } from 'node:worker_threads';
import { defineTask } from '../../../src/pipeline/workers/task.js';

// Which thread answered, so a test can see that the pool used them all.
export const square = defineTask(import.meta.url, 'square', (numbers: number[]) => ({ thread: threadId, squares: numbers.map((n) => n * n) }));

export const fail = defineTask(import.meta.url, 'fail', (message: string) => {
  throw new RangeError(message);
});

export const exit = defineTask(import.meta.url, 'exit', (code: number) => process.exit(code));

export const unsendable = defineTask(import.meta.url, 'unsendable', () => () => 1);
