import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * `mkdir -p` that always ends. Node's `mkdirSync(path, { recursive: true })` retries forever when
 * the file system answers ENOENT for a parent that exists (procfs, some FUSE mounts): `--out
 * /proc/x` hung the CLI at full CPU. Here each missing directory is created once, from the nearest
 * existing ancestor down, and the first failure is thrown as is (ENOENT, EACCES, ENOTDIR...).
 * Returns the first directory created, or undefined when `path` already existed, like Node's.
 */
export const makeDirs = (path: string): string | undefined => {
  const missing: string[] = [];
  for (let dir = resolve(path); !existsSync(dir); dir = dirname(dir)) {
    missing.unshift(dir);
    if (dirname(dir) === dir) break;
  }
  for (const dir of missing) {
    try {
      mkdirSync(dir);
    } catch (error) {
      // Another process made it in the meantime: as good as made here.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || !statSync(dir).isDirectory()) throw error;
    }
  }
  return missing[0];
};
