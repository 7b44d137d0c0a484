// A pool thread for the pool's own tests: the real serving loop over a table of test tasks.
import { register } from 'tsx/esm/api';
import { threadId } from 'node:worker_threads';

register();
const { serveTasks } = await import('../../../src/pipeline/workers/serve-tasks.ts');

const TASKS = {
  // Which thread answered, so a test can see that the pool used them all.
  square: (numbers) => ({ thread: threadId, squares: numbers.map((n) => n * n) }),
  fail: (message) => {
    throw new RangeError(message);
  },
  exit: (code) => process.exit(code),
  unsendable: () => () => 1,
};

serveTasks((task, input) => TASKS[task](input));
