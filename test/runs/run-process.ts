import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');
export const BIN = join(ROOT, 'bin', 'tuneset.js');
export const DOCS_QA = join(ROOT, 'pipelines', 'docs-qa.ts');
export const DOCS_SITE = join(ROOT, 'fixtures', 'docs-site');

/**
 * The real `tuneset` in a child process whose working directory is `cwd`: runs land in
 * `<cwd>/output/<pipeline>/`, away from this repository's output/ and other tests' runs.
 */
export const tunesetIn = (cwd: string, args: string[], env: Record<string, string> = {}) =>
  new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, TUNESET_NOW: '2026-11-23T12:00:00Z', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });

/** The run directories under `<cwd>/output/<pipeline>/` (not the cache), sorted by name. */
export const runDirs = (cwd: string, pipeline: string): string[] => {
  const dir = join(cwd, 'output', pipeline);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((n) => n !== 'cache')
    .sort();
};
