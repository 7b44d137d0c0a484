// One tick of `tuneset schedule`: `tuneset run ... --lock` in a child process, so a crash or a
// kill -9 of the run leaves the scheduler going, and each run loads the pipeline file afresh. The
// scheduler reads the outcome from the run directories and the child's exit, and logs one line.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { clearStaleLock, liveHolder, lockPath, staleLockText } from '../runs/run-lock.js';
import { latestRun } from '../runs/run-list.js';
import type { RunSummary } from '../runs/types.js';
import { displayPath } from './display-path.js';

const BIN = fileURLToPath(new URL('../../bin/tuneset.js', import.meta.url));
// Enough of the child's stderr to quote its error line; the rest is the run's own log.
const STDERR_TAIL = 8192;

export interface ScheduledRun {
  pipelineFile: string;
  /** `tuneset run` options passed through (--param, --input, --cache, --target, --if-changed, --train-if-changed). */
  runArgs: string[];
  cacheDir: string;
  /** output/<pipeline>, where the runs are. */
  pipelineDir: string;
  log: (line: string) => void;
  /** The child while it runs, to forward a stop signal. */
  onChild?: (child: ChildProcess | undefined) => void;
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

const examplesText = (run: RunSummary): string => {
  const splits = Object.entries(run.dataset.splits).map(([split, s]) => `${split} ${s.examples}`);
  return `${run.dataset.examples} examples (${splits.join(', ')}), hash ${run.dataset.hash.slice(0, 12)}`;
};

/** The last `error: ...` line the child printed, or its last line. */
const errorLine = (stderr: string): string | undefined => {
  const lines = stderr.split('\n').map((l) => l.trim()).filter(Boolean);
  return lines.findLast((l) => l.startsWith('error:')) ?? lines.at(-1);
};

/**
 * Runs one scheduled run to its end and returns the line saying what it did (a cleared stale lock
 * is logged on its own line first); never throws for a failed run.
 */
export const scheduledRun = async (s: ScheduledRun): Promise<string> => {
  const path = displayPath(lockPath(s.cacheDir));
  const dead = clearStaleLock(s.cacheDir);
  if (dead) s.log(staleLockText(path, dead));
  const holder = liveHolder(s.cacheDir);
  if (holder) return `skipped: locked by pid ${holder.pid} (${holder.command}, since ${holder.startedAt})`;

  const before = latestRun(s.pipelineDir)?.runId;
  const started = performance.now();
  const child = spawn(process.execPath, [BIN, 'run', s.pipelineFile, ...s.runArgs, '--lock'], { stdio: ['ignore', 'pipe', 'pipe'] });
  s.onChild?.(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-STDERR_TAIL)));
  const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null; error?: Error }>((resolve) => {
    child.on('error', (error) => resolve({ code: null, signal: null, error }));
    child.on('close', (code, signal) => resolve({ code, signal }));
  });
  s.onChild?.(undefined);
  const took = seconds(performance.now() - started);

  if (exit.error) return `failed to start tuneset run: ${exit.error.message}`;
  if (exit.code !== 0) {
    const how = exit.signal ? `killed by ${exit.signal}` : `exit code ${exit.code}`;
    const why = exit.signal ? undefined : errorLine(stderr);
    return `failed after ${took}: ${how}${why ? `: ${why}` : ''}`;
  }
  const unchanged = /^no change since (\S+)$/m.exec(stdout);
  if (unchanged) return `no change since ${unchanged[1]} (${took})`;
  const after = latestRun(s.pipelineDir);
  // --train-if-changed's decision, as the run printed it.
  const training = /^((?:not )?training: .*)$/m.exec(stdout)?.[1];
  if (!after || after.runId === before) return `finished in ${took}, but no new run directory in ${displayPath(s.pipelineDir)}`;
  return `run ${after.runId}: ${examplesText(after)} in ${took}${training ? `; ${training}` : ''}`;
};

/** Where the runs of a pipeline are, as the runner writes them. */
export const pipelineRunsDir = (pipeline: string): string => join('output', pipeline);
