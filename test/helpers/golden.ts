import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

/** UPDATE_GOLDENS=1 asks for golden files to be written; the older spelling UPDATE_GOLDEN=1 still works. */
export const updatingGoldens = (env: NodeJS.ProcessEnv = process.env): boolean =>
  [env['UPDATE_GOLDENS'], env['UPDATE_GOLDEN']].some((v) => v !== undefined && v !== '' && v !== '0');

export interface GoldenOptions {
  /** Where the goldens live. @default fixtures/golden/<pipeline> */
  dir?: string;
  /** Write the goldens instead of comparing. @default updatingGoldens() */
  update?: boolean;
}

/**
 * Compares a pipeline's output with its golden file under fixtures/golden/<pipeline>/. A missing
 * golden fails the test (a test that writes its own expectation cannot fail); UPDATE_GOLDENS=1
 * writes and rewrites them: review the diff before committing.
 */
export const goldenMatcher = (pipeline: string, options: GoldenOptions = {}) => {
  const dir = options.dir ?? join(ROOT, 'fixtures', 'golden', pipeline);
  const update = options.update ?? updatingGoldens();
  return (name: string, actual: string): void => {
    const path = join(dir, name);
    const shown = relative(ROOT, path);
    if (update) {
      mkdirSync(dir, { recursive: true });
      if (!existsSync(path) || readFileSync(path, 'utf8') !== actual) writeFileSync(path, actual);
      return;
    }
    if (!existsSync(path)) {
      const testPath = expect.getState().testPath;
      const rerun = `UPDATE_GOLDENS=1 npx vitest run ${testPath ? relative(ROOT, testPath) : '<this test file>'}`;
      throw new Error(`golden file ${shown} is missing: create it with \`${rerun}\`, review it, and commit it`);
    }
    expect(actual, `${name} differs from ${shown} (if the change is intended, UPDATE_GOLDENS=1 rewrites it; review the diff)`).toBe(
      readFileSync(path, 'utf8'),
    );
  };
};

/**
 * The end-of-run table with its time column (last) masked, header included: the column is as wide
 * as the slowest stage's time, so a slow stage would otherwise change every line of the table.
 */
export const maskRunTimes = (stdout: string): string => {
  const lines = stdout.split('\n');
  const header = lines.findIndex((l) => /^stage +in +expanded +out +dropped +errored +time$/.test(l));
  if (header === -1) throw new Error('no end-of-run table (stage ... time) in the output');
  for (let i = header; i < lines.length && lines[i] !== ''; i++) lines[i] = lines[i]!.replace(/ +\S+$/, '  <time>');
  return lines.join('\n');
};
