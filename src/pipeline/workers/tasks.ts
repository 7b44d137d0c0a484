/**
 * The work a pool thread can do: pure functions of structured-clonable input, so a batch gives the
 * same result on any thread and the run's outputs never depend on the number of workers. Each task
 * takes a batch (one message per batch, not per record). Add a task here and in worker-tasks' table.
 */
export interface Tasks {
  /** Placeholder so the table is never empty; answers its input. */
  echo: { input: unknown; output: unknown };
}

export type TaskName = keyof Tasks;
export type TaskInput<N extends TaskName> = Tasks[N]['input'];
export type TaskOutput<N extends TaskName> = Tasks[N]['output'];
