import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { UsageError } from '../../pipeline/errors.js';
import { fsReason } from '../../pipeline/fs-reason.js';
import { makeDirs } from '../../pipeline/make-dirs.js';
import { ExportError } from './types.js';

/** The export directory and how to remove what we put there if the export fails. */
export interface OutDir {
  path: string;
  cleanup(): void;
}

/**
 * `--out DIR`, or `<run>/export/<target>/`; either must be new or empty, so an export never
 * overwrites or mixes with earlier files. A non-empty `--out` is a usage error like `run --out`.
 */
export const prepareOutDir = (runDir: string, target: string, out: string | undefined): OutDir => {
  const path = resolve(out ?? join(runDir, 'export', target));
  if (existsSync(path)) {
    if (!statSync(path).isDirectory()) throw new UsageError(`${out ?? path}: exists and is not a directory`);
    if (readdirSync(path).length > 0) {
      const message = `${out ?? path}: directory is not empty; choose a new directory or empty it first`;
      throw out !== undefined ? new UsageError(`--out ${message}`) : new ExportError(`${message} (or pass --out DIR)`);
    }
  }
  let created: string | undefined;
  try {
    created = makeDirs(path);
  } catch (error) {
    const message = `${out ?? path} cannot be created: ${fsReason(error)}`;
    throw out !== undefined ? new UsageError(`--out ${message}`) : new ExportError(message);
  }
  return {
    path,
    cleanup: () => {
      // We made the directory: remove it (and any parents we made). It was empty: empty it again.
      if (created !== undefined) rmSync(created, { recursive: true, force: true });
      else for (const entry of readdirSync(path)) rmSync(join(path, entry), { recursive: true, force: true });
    },
  };
};
