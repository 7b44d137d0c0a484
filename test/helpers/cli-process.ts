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

/**
 * The same as a child the test controls, to interrupt a command part-way: `stderrIncludes(text)`
 * settles once the command has printed `text` on stderr (or rejects if it exits first), then the
 * test may `child.kill('SIGKILL')`; `exited` gives the signal that ended it.
 */
export const startTuneset = (args: string[], env: Record<string, string> = {}) => {
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'tuneset.js'), ...args], { cwd: ROOT, env: { ...process.env, ...ENV, ...env } });
  let stderr = '';
  const waiting: { text: string; resolve: () => void }[] = [];
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
    for (const w of waiting.filter((w) => stderr.includes(w.text))) w.resolve();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stderr })),
  );
  const stderrIncludes = (text: string) =>
    new Promise<void>((resolve, reject) => {
      if (stderr.includes(text)) return resolve();
      waiting.push({ text, resolve });
      void exited.then((r) => reject(new Error(`tuneset exited (${r.code ?? r.signal}) before printing ${JSON.stringify(text)}:\n${r.stderr}`)));
    });
  return { child, exited, stderrIncludes };
};
