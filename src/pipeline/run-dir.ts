import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { UsageError } from './errors.js';

/** `--out DIR` is used as the run directory itself and must be new or empty. */
export const prepareExplicitRunDir = (dir: string): string => {
  const path = resolve(dir);
  if (existsSync(path) && readdirSync(path).length > 0) {
    throw new UsageError(`--out ${dir}: directory is not empty; choose a new directory or empty it first`);
  }
  mkdirSync(path, { recursive: true });
  return path;
};

/** `output/<pipeline>/<run-id>/`, the run id being the start time and the config hash. */
export const prepareRunDir = (root: string, pipeline: string, startedAt: Date, configHash: string): { runId: string; runDir: string } => {
  const stamp = startedAt.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const base = `${stamp}-${configHash.slice(0, 8)}`;
  for (let n = 1; ; n++) {
    const runId = n === 1 ? base : `${base}-${n}`;
    const runDir = resolve(join(root, pipeline, runId));
    if (!existsSync(runDir)) {
      mkdirSync(runDir, { recursive: true });
      return { runId, runDir };
    }
  }
};
