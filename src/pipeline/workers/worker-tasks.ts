import { countExamples } from '../../stages/token-check/count-examples-task.js';
import { minhashBatch } from '../../stages/near-dedupe/minhash-task.js';
import type { TaskInput, TaskName, TaskOutput, Tasks } from './tasks.js';

type Table = { [N in TaskName]: (input: Tasks[N]['input']) => Tasks[N]['output'] };

/** What each task runs; the same table serves the pool's threads and the inline pool. */
const TABLE: Table = {
  echo: (input) => input,
  countExamples,
  minhash: minhashBatch,
};

export const runTask = <N extends TaskName>(task: N, input: TaskInput<N>): TaskOutput<N> => (TABLE[task] as (i: TaskInput<N>) => TaskOutput<N>)(input);
