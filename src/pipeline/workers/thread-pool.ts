import { Worker } from 'node:worker_threads';
import type { WorkerPool } from './pool.js';
import type { TaskReply, TaskRequest } from './task-messages.js';

/** The thread entry: serves any task (task.ts), importing its module on first use. */
export const TASK_ENTRY = new URL('./worker-entry.mjs', import.meta.url);

interface Pending {
  task: string;
  resolve: (output: unknown) => void;
  reject: (error: Error) => void;
}

interface Thread {
  worker: Worker;
  pending: Map<number, Pending>;
  /** Why it stopped, when it threw outside a task (an error at start-up, an uncaught async error). */
  failure?: Error;
}

/**
 * A thread inherits the process's Node flags (--cpu-prof profiles it too). Left to inherit them, it
 * takes V8 flags such as --max-old-space-size or --expose-gc, which an explicit list may not hold
 * (the Worker would refuse to start); so a list is given only to leave out --input-type (from
 * `node --input-type=module -e ...`), which stops a thread at start.
 */
const threadExecArgv = (): { execArgv?: string[] } => {
  const kept = process.execArgv.filter((arg) => !arg.startsWith('--input-type'));
  return kept.length === process.execArgv.length ? {} : { execArgv: kept };
};

/** An Error made from the words a thread sent back (its class stays behind on the thread). */
const taskError = (task: string, sent: { name: string; message: string; stack?: string }): Error => {
  const error = new Error(sent.message);
  if (sent.name !== 'Error') error.name = sent.name;
  // The thread's stack says where it failed; ours would only show the message handler.
  if (sent.stack !== undefined) error.stack = `${sent.stack}\n    (in worker task ${task})`;
  return error;
};

/**
 * `size` threads, each running the tasks it is sent (`entry` serves them). A run goes to the thread with
 * the fewest runs pending, as one message; its promise settles with that run's reply, so each
 * caller gets the result of its own input whatever order the threads finish in. Threads start on
 * the first runs, hold the process open only while they have work, and a thread that dies rejects
 * every run it had, naming the task.
 */
export const threadPool = (size: number, entry: URL = TASK_ENTRY): WorkerPool => {
  if (!Number.isInteger(size) || size < 2) throw new Error(`a thread pool needs at least 2 threads, got ${size}`);
  const threads: Thread[] = [];
  let nextId = 0;
  let closed = false;

  const settle = (thread: Thread, id: number) => {
    const p = thread.pending.get(id);
    thread.pending.delete(id);
    // Idle threads must not keep the process alive; busy ones must, or a run could be cut off.
    if (thread.pending.size === 0) thread.worker.unref();
    return p;
  };

  const start = (): Thread => {
    const worker = new Worker(entry, threadExecArgv());
    worker.unref();
    const thread: Thread = { worker, pending: new Map() };
    worker.on('message', (reply: TaskReply) => {
      const p = settle(thread, reply.id);
      if (!p) return;
      if (reply.ok) p.resolve(reply.output);
      else p.reject(taskError(p.task, reply.error));
    });
    worker.on('error', (error) => (thread.failure = error));
    worker.on('messageerror', (error) => (thread.failure = error));
    worker.on('exit', (code) => {
      threads.splice(threads.indexOf(thread), 1);
      const why = closed
        ? 'the worker pool was closed'
        : thread.failure
          ? `a worker thread failed: ${thread.failure.message}`
          : `a worker thread stopped with exit code ${code}`;
      for (const p of thread.pending.values()) p.reject(new Error(`${why} while running the task ${p.task}`));
      thread.pending.clear();
    });
    threads.push(thread);
    return thread;
  };

  // Threads start as work comes (a run with nothing to hand over pays for none), then the least busy one takes it.
  const pick = (): Thread => {
    if (threads.length < size) return start();
    return threads.reduce((best, t) => (t.pending.size < best.pending.size ? t : best));
  };

  return {
    size,
    run: (task, input) =>
      new Promise((resolve, reject) => {
        if (closed) return reject(new Error(`the worker pool is closed; cannot run the task ${task.name}`));
        const thread = pick();
        const id = nextId++;
        thread.pending.set(id, { task: task.name, resolve: resolve as (output: unknown) => void, reject });
        if (thread.pending.size === 1) thread.worker.ref();
        try {
          thread.worker.postMessage({ id, module: task.module, name: task.name, input } satisfies TaskRequest);
        } catch (error) {
          // Input a thread cannot receive (a function, a class instance's methods): this run fails, the pool goes on.
          settle(thread, id);
          reject(new Error(`the task ${task.name} was given input that cannot be sent to a worker thread: ${error instanceof Error ? error.message : String(error)}`));
        }
      }),
    close: async () => {
      closed = true;
      await Promise.all(threads.map((t) => t.worker.terminate()));
    },
  };
};
