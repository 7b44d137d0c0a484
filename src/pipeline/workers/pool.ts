import { availableParallelism } from 'node:os';
import { inlinePool } from './inline-pool.js';
import type { Task } from './task.js';
import { threadPool } from './thread-pool.js';

/**
 * Threads for per-record CPU work (token counts, MinHash signatures). A stage hands a batch to
 * `run` and gets the task's result back; with `size` 1 the task runs on the calling thread. Tasks
 * are pure, so outputs never depend on `size` (`--workers`).
 */
export interface WorkerPool {
  /** Threads doing tasks; 1 means the calling thread itself. */
  readonly size: number;
  run<I, O>(task: Task<I, O>, input: I): Promise<O>;
  close(): Promise<void>;
}

/** `--workers` when not given: one per core the process may use. */
export const defaultWorkers = (): number => availableParallelism();

/** A pool of `size` threads; 1 runs every task on the calling thread. */
export const createWorkerPool = async (size: number): Promise<WorkerPool> => (size <= 1 ? inlinePool() : threadPool(size));
