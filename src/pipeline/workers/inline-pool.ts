import type { WorkerPool } from './pool.js';

/** Runs every task on the calling thread: `--workers 1`, and stage tests. */
export const inlinePool = (size = 1): WorkerPool => ({
  size,
  run: async (task, input) => task.run(input),
  close: async () => {},
});
