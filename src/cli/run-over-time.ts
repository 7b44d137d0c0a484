// `tuneset run`'s options for runs over time: --if-changed, --train-if-changed and --lock, and the
// pipeline's run lock they take. run-command.ts calls these around runPipeline.
import { join, resolve } from 'node:path';
import { UsageError } from '../pipeline/errors.js';
import { acquireRunLock, liveHolder, lockPath, releaseOnExit, RunLockedError, staleLockText } from '../runs/run-lock.js';
import { latestRun, latestTrainedRun } from '../runs/run-list.js';
import type { RunSummary } from '../runs/types.js';
import type { Io } from './cli.js';
import { displayPath } from './display-path.js';

export const OVER_TIME_OPTIONS = {
  'if-changed': { type: 'boolean' },
  'train-if-changed': { type: 'string' },
  lock: { type: 'boolean' },
} as const;

export const OVER_TIME_HELP = `  --if-changed       compare with the pipeline's latest run in output/<pipeline>/: when the
                     configuration, the inputs (file sha256s; a crawl's page hashes, asked with
                     conditional requests) and the examples are all the same, delete the new run
                     and print "no change since <run-id>" (exit 0)
  --train-if-changed F  after a run that stays, hand off to training (as \`tuneset train\`) when at
                     least the share F (0..1) of examples was added, removed or changed since the
                     latest run handed to training, or there is none; else print why not
  --lock             take the pipeline's run lock (<cache>/run.lock) for the run; --if-changed,
                     --train-if-changed and scheduled runs always do. Without it, run still refuses
                     to start while a live process holds the lock`;

export interface OverTime {
  ifChanged: boolean;
  /** --train-if-changed's threshold. */
  trainIf: number | undefined;
  lock: boolean;
}

/** The flags, checked before the pipeline is loaded: usage errors come first. */
export const parseOverTime = (values: { 'if-changed'?: boolean; 'train-if-changed'?: string; lock?: boolean; out?: string }): OverTime => {
  const raw = values['train-if-changed'];
  const trainIf = raw === undefined ? undefined : Number(raw);
  if (trainIf !== undefined && (raw!.trim() === '' || !Number.isFinite(trainIf) || trainIf < 0 || trainIf > 1)) {
    throw new UsageError(`--train-if-changed expects a share of examples from 0 to 1 (0.05 = 5%), got "${raw}"`);
  }
  const ifChanged = values['if-changed'] === true;
  // The runs compared are output/<pipeline>/'s; a run written elsewhere is not one of them.
  for (const [flag, on] of [['--if-changed', ifChanged], ['--train-if-changed', trainIf !== undefined]] as const) {
    if (on && values.out !== undefined) throw new UsageError(`${flag} compares with the latest run in output/<pipeline>/, so it cannot be used with --out`);
  }
  return { ifChanged, trainIf, lock: ifChanged || trainIf !== undefined || values.lock === true };
};

/** The pipeline's cache directory as the runner resolves it: where the lock lives. */
export const runCacheDir = (pipeline: string, cache: string | undefined): string => resolve(cache ?? join('output', pipeline, 'cache'));

export interface HeldRun {
  /** The latest finished run before this one, for --if-changed. */
  previous: RunSummary | undefined;
  /** The latest run handed to training (its job not failed or cancelled), for --train-if-changed. */
  trained: RunSummary | undefined;
  release: () => void;
}

/**
 * Takes the lock (when asked) and reads the previous run under it; without the lock, refuses when
 * a live process holds it, as a plain run would otherwise share that run's crawl journal and caches.
 */
export const holdRun = (pipeline: string, cacheDir: string, over: OverTime, command: string, io: Io): HeldRun => {
  if (!over.lock) {
    const holder = liveHolder(cacheDir);
    if (holder) throw new RunLockedError(displayPath(lockPath(cacheDir)), holder);
    return { previous: undefined, trained: undefined, release: () => {} };
  }
  const lock = acquireRunLock(cacheDir, command, {
    onStale: (dead) => io.stderr.write(`[${pipeline}] ${staleLockText(displayPath(lockPath(cacheDir)), dead)}\n`),
  });
  const release = releaseOnExit(lock);
  try {
    const dir = resolve('output', pipeline);
    return {
      previous: over.ifChanged ? latestRun(dir) : undefined,
      trained: over.trainIf !== undefined ? latestTrainedRun(dir) : undefined,
      release,
    };
  } catch (error) {
    release();
    throw error;
  }
};
