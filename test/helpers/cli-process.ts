import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');
const ENV = { TUNESET_NOW: '2026-11-23T12:00:00Z' };

/** Runs the real `tuneset` entry point in a separate process, as a user would. */
export const tunesetProcess = (args: string[], env: Record<string, string> = {}) => {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'tuneset.js'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...ENV, ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

/**
 * The same without blocking this process, for commands that talk to a server the test runs (the
 * fake OpenAI server must keep answering). The exit code is the process's own, so an unsettled
 * top-level await shows as 13.
 */
export const tunesetProcessAsync = (args: string[], env: Record<string, string> = {}) =>
  new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'tuneset.js'), ...args], { cwd: ROOT, env: { ...process.env, ...ENV, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
