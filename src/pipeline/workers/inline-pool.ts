import type { WorkerPool } from './pool.js';
import { runTask } from './worker-tasks.js';

/** Runs every task on the calling thread: `--workers 1`, and stage tests. */
export const inlinePool = (size = 1): WorkerPool => ({
  size,
  run: async (task, input) => runTask(task, input),
  close: async () => {},
});
