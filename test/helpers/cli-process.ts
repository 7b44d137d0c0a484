import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');

/** Runs the real `tuneset` entry point in a separate process, as a user would. */
export const tunesetProcess = (args: string[], env: Record<string, string> = {}) => {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'tuneset.js'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, TUNESET_NOW: '2026-11-23T12:00:00Z', ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};
