import type { DropReason } from '../item.js';
import type { CountExamplesInput } from '../../stages/token-check/count-examples-task.js';
import type { MinhashInput, MinhashOutput } from '../../stages/near-dedupe/minhash-task.js';
import type { ExampleTokens } from '../../tokenizers/index.js';

/**
 * The work a pool thread can do: pure functions of structured-clonable input, so a batch gives the
 * same result on any thread and the run's outputs never depend on the number of workers. Each task
 * takes a batch (one message per batch, not per record). Add a task here and in worker-tasks' table.
 */
export interface Tasks {
  /** Placeholder so the table is never empty; answers its input. */
  echo: { input: unknown; output: unknown };
  /** Token counts of a batch of examples with one tokenizer (token-check; count-examples-task.ts). */
  countExamples: { input: CountExamplesInput; output: (ExampleTokens | DropReason)[] };
  /** MinHash signatures, band keys and hasWords of a batch of compared texts (near-dedupe; minhash-task.ts). */
  minhash: { input: MinhashInput; output: MinhashOutput };
}

export type TaskName = keyof Tasks;
export type TaskInput<N extends TaskName> = Tasks[N]['input'];
export type TaskOutput<N extends TaskName> = Tasks[N]['output'];
