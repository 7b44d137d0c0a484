/**
 * A pure function a pool thread can run. It carries the URL of the module that exports it and the
 * export's name, so a thread imports it from there: src/pipeline knows no stage, and a stage
 * declares its task beside its own code. Input and output must survive structured cloning.
 */
export interface Task<I, O> {
  readonly module: string;
  readonly name: string;
  run(input: I): O;
}

/**
 * `export const fooTask = defineTask(import.meta.url, 'fooTask', (input) => ...)`: the name must be
 * the export's own, or a thread cannot find it.
 */
export const defineTask = <I, O>(module: string, name: string, run: (input: I) => O): Task<I, O> => ({ module, name, run });

export const isTask = (value: unknown): value is Task<unknown, unknown> =>
  typeof value === 'object' && value !== null && typeof (value as Task<unknown, unknown>).run === 'function' && typeof (value as Task<unknown, unknown>).module === 'string';
