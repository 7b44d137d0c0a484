import { parentPort } from 'node:worker_threads';
import { isTask, type Task } from './task.js';
import type { TaskReply, TaskRequest } from './task-messages.js';

const failure = (id: number, error: unknown): TaskReply => {
  const e = error instanceof Error ? error : new Error(String(error));
  return { id, ok: false, error: { name: e.name, message: e.message, ...(e.stack === undefined ? {} : { stack: e.stack }) } };
};

// Each task module is imported once per thread, on its first request.
const loaded = new Map<string, Promise<Task<unknown, unknown>>>();

const load = (module: string, name: string): Promise<Task<unknown, unknown>> => {
  const key = `${module}#${name}`;
  let task = loaded.get(key);
  if (!task) {
    task = import(module).then((exports: Record<string, unknown>) => {
      const found = exports[name];
      if (!isTask(found)) throw new Error(`${module} does not export a task named ${name}`);
      return found;
    });
    loaded.set(key, task);
  }
  return task;
};

/**
 * A pool thread's loop: imports each request's task where it is exported, runs it, and replies with
 * its output, or with the error's name, message and stack (a class does not survive the trip
 * between threads; its words do). Replies carry the request's id, so their order does not matter.
 */
export const serveTasks = (): void => {
  const port = parentPort;
  if (!port) throw new Error('serveTasks runs only inside a worker thread');
  port.on('message', ({ id, module, name, input }: TaskRequest) => {
    void load(module, name).then(
      (task) => {
        let reply: TaskReply;
        try {
          reply = { id, ok: true, output: task.run(input) };
        } catch (error) {
          reply = failure(id, error);
        }
        try {
          port.postMessage(reply);
        } catch (error) {
          // An output that cannot be copied back (a function in it): that run fails, the thread goes on.
          port.postMessage(failure(id, new Error(`the output of the task ${name} cannot be sent back from a worker thread: ${error instanceof Error ? error.message : String(error)}`)));
        }
      },
      (error: unknown) => port.postMessage(failure(id, error)),
    );
  });
};
