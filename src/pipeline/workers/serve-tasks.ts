import { parentPort } from 'node:worker_threads';
import type { TaskReply, TaskRequest } from './task-messages.js';

const failure = (id: number, error: unknown): TaskReply => {
  const e = error instanceof Error ? error : new Error(String(error));
  return { id, ok: false, error: { name: e.name, message: e.message, ...(e.stack === undefined ? {} : { stack: e.stack }) } };
};

/**
 * A pool thread's loop: runs each request's task and replies with its output, or with the error's
 * name, message and stack (a class does not survive the trip between threads; its words do).
 */
export const serveTasks = (run: (task: string, input: unknown) => unknown): void => {
  const port = parentPort;
  if (!port) throw new Error('serveTasks runs only inside a worker thread');
  port.on('message', ({ id, task, input }: TaskRequest) => {
    let reply: TaskReply;
    try {
      reply = { id, ok: true, output: run(task, input) };
    } catch (error) {
      reply = failure(id, error);
    }
    try {
      port.postMessage(reply);
    } catch (error) {
      // An output that cannot be copied back (a function in it): that run fails, the thread goes on.
      port.postMessage(failure(id, new Error(`the output of the task ${task} cannot be sent back from a worker thread: ${error instanceof Error ? error.message : String(error)}`)));
    }
  });
};
