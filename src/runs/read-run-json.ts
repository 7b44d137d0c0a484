import { existsSync, readFileSync } from 'node:fs';
import { TunesetError } from '../pipeline/errors.js';

/** A JSON file a command added to the run (train-state.json, eval.json), or undefined when it is not there. */
export const readRunJson = (path: string): unknown => {
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new TunesetError(`${path}: not valid JSON (${(error as Error).message})`);
  }
};
