import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';

/**
 * Compares a pipeline's output with its golden file under fixtures/golden/<pipeline>/. A missing
 * golden is written; UPDATE_GOLDEN=1 rewrites them all (review the diff before committing).
 */
export const goldenMatcher = (pipeline: string) => {
  const dir = join(import.meta.dirname, '..', '..', 'fixtures', 'golden', pipeline);
  return (name: string, actual: string): void => {
    const path = join(dir, name);
    if (process.env['UPDATE_GOLDEN'] || !existsSync(path)) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(path, actual);
    }
    expect(actual, `${name} differs from fixtures/golden/${pipeline}/${name}`).toBe(readFileSync(path, 'utf8'));
  };
};
