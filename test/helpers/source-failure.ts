import { expect } from 'vitest';
import { SourceError } from '../../src/pipeline/errors.js';

/** The message a source's run failed with; fails the test if it succeeded or failed otherwise. */
export const sourceFailure = async (run: Promise<unknown>): Promise<string> => {
  const error = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SourceError);
  return (error as SourceError).message;
};
