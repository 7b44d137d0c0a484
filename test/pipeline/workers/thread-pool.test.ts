import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { inlinePool } from '../../../src/pipeline/workers/inline-pool.js';
import { createWorkerPool } from '../../../src/pipeline/workers/pool.js';
import { threadPool } from '../../../src/pipeline/workers/thread-pool.js';
import { defineTask, type Task } from '../../../src/pipeline/workers/task.js';
import { countExamples } from '../../../src/stages/token-check/count-examples-task.js';
import * as TEST_TASKS from './test-tasks.js';

/** A pool whose runs name a task of test-tasks.ts (square, fail, exit, unsendable), typed loosely for it. */
const testPool = (size: number, entry?: string) => {
  const pool = entry === undefined ? threadPool(size) : threadPool(size, new URL(entry, import.meta.url));
  return { size: pool.size, close: () => pool.close(), run: (task: keyof typeof TEST_TASKS, input: unknown): Promise<any> => pool.run(TEST_TASKS[task] as Task<unknown, unknown>, input) };
};

test('every run gets the result of its own input, in the order asked, from all the threads', async () => {
  const pool = testPool(2);
  try {
    // Batches of very different sizes, so the threads finish out of step.
    const inputs = Array.from({ length: 12 }, (_, i) => Array.from({ length: i % 2 === 0 ? 20_000 : 1 }, (_, j) => i + j));
    const results = await Promise.all(inputs.map((numbers) => pool.run('square', numbers)));
    expect(results.map((r) => r.squares)).toEqual(inputs.map((numbers) => numbers.map((n) => n * n)));
    expect(new Set(results.map((r) => r.thread)).size).toBe(2);
  } finally {
    await pool.close();
  }
});

test("a task that throws rejects that run with the thread's error, and the pool goes on", async () => {
  const pool = testPool(2);
  try {
    const [failed, fine] = await Promise.allSettled([pool.run('fail', 'no such record 7'), pool.run('square', [3])]);
    expect(failed.status).toBe('rejected');
    const error = (failed as PromiseRejectedResult).reason as Error;
    expect([error instanceof Error, error.name, error.message]).toEqual([true, 'RangeError', 'no such record 7']);
    expect(error.stack).toContain('(in worker task fail)');
    expect((fine as PromiseFulfilledResult<{ squares: number[] }>).value.squares).toEqual([9]);
    await expect(pool.run('square', [4])).resolves.toMatchObject({ squares: [16] });
    await expect(pool.run('unsendable', null)).rejects.toThrow(/^the output of the task unsendable cannot be sent back from a worker thread: /);
    await expect(pool.run('square', () => 1)).rejects.toThrow(/^the task square was given input that cannot be sent to a worker thread: /);
  } finally {
    await pool.close();
  }
});

test('a thread that dies rejects every run it had, naming each task; the next run gets a new thread', async () => {
  const pool = testPool(2);
  try {
    // Two threads start on the first two runs; the third goes to the first thread, behind the exit.
    const runs = [pool.run('exit', 3), pool.run('square', [2]), pool.run('square', [5])];
    const settled = await Promise.allSettled(runs);
    expect(settled.map((s) => (s.status === 'rejected' ? (s.reason as Error).message : s.value.squares))).toEqual([
      'a worker thread stopped with exit code 3 while running the task exit',
      [4],
      'a worker thread stopped with exit code 3 while running the task square',
    ]);
    const again = await Promise.all([pool.run('square', [6]), pool.run('square', [7])]);
    expect(again.map((r) => r.squares)).toEqual([[36], [49]]);
  } finally {
    await pool.close();
  }
});

test('a thread that cannot load its task table rejects the run with the reason', async () => {
  const pool = testPool(2, 'broken-entry.mjs');
  try {
    await expect(pool.run('square', [1])).rejects.toThrow('a worker thread failed: cannot load the task table while running the task square');
  } finally {
    await pool.close();
  }
});

test('close ends the threads: runs still pending are rejected, later runs are refused', async () => {
  const pool = testPool(2);
  const pending = pool.run('square', Array.from({ length: 200_000 }, (_, i) => i));
  await pool.close();
  await expect(pending).rejects.toThrow('the worker pool was closed while running the task square');
  await expect(pool.run('square', [1])).rejects.toThrow('the worker pool is closed; cannot run the task square');
});

test('idle threads do not keep the process alive', () => {
  // A script that uses the pool and never closes it must still end on its own.
  const script = `
    import { threadPool } from ${JSON.stringify(new URL('../../../src/pipeline/workers/thread-pool.ts', import.meta.url).href)};
    const { square } = await import(${JSON.stringify(new URL('test-tasks.ts', import.meta.url).href)});
    const pool = threadPool(2);
    const r = await Promise.all([pool.run(square, [2]), pool.run(square, [3])]);
    console.log(JSON.stringify(r.map((x) => x.squares)));
  `;
  const root = join(import.meta.dirname, '..', '..', '..');
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  expect([child.status, child.stdout.trim(), child.stderr]).toEqual([0, '[[4],[9]]', '']);
}, 90_000);

test('threads start when the process has V8 flags a Worker may not be given (node --max-old-space-size ... tuneset run)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tuneset-thread-flags-'));
  const script = join(dir, 'use-pool.mjs');
  writeFileSync(
    script,
    `import { threadPool } from ${JSON.stringify(new URL('../../../src/pipeline/workers/thread-pool.ts', import.meta.url).href)};
    const { square } = await import(${JSON.stringify(new URL('test-tasks.ts', import.meta.url).href)});
    const pool = threadPool(2);
    const r = await Promise.all([pool.run(square, [2]), pool.run(square, [3])]);
    await pool.close();
    console.log(JSON.stringify(r.map((x) => x.squares)));`,
  );
  const root = join(import.meta.dirname, '..', '..', '..');
  const child = spawnSync(process.execPath, ['--max-old-space-size=512', '--expose-gc', '--import', 'tsx', script], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  expect([child.status, child.stdout.trim(), child.stderr]).toEqual([0, '[[4],[9]]', '']);
}, 90_000);

test('createWorkerPool: 1 is the calling thread; 2 runs a stage task in threads with the same results', async () => {
  expect((await createWorkerPool(1)).size).toBe(1);
  const examples = [
    { messages: [{ role: 'user' as const, content: 'How many games?' }, { role: 'assistant' as const, content: 'Three.' }] },
    { messages: [{ role: 'user' as const, content: `Look: ${'='.repeat(20_000)}` }, { role: 'assistant' as const, content: 'ok' }] },
  ];
  const input = { tokenizer: 'o200k_base', examples };
  const pool = await createWorkerPool(2);
  try {
    expect(pool.size).toBe(2);
    const threaded = await pool.run(countExamples, input);
    expect(threaded).toEqual(await inlinePool().run(countExamples, input));
    expect(threaded.map((r) => ('code' in r ? r.code : r.total))).toEqual([expect.any(Number), 'unbroken_run_too_long']);
  } finally {
    await pool.close();
  }
});

test('a task that its module does not export under its name is refused in plain words', async () => {
  const pool = threadPool(2);
  try {
    const misnamed = defineTask(new URL('test-tasks.ts', import.meta.url).href, 'cube', (n: number) => n ** 3);
    await expect(pool.run(misnamed, 2)).rejects.toThrow(/test-tasks\.ts does not export a task named cube$/);
  } finally {
    await pool.close();
  }
});
