// One run at a time per pipeline cache: `run.lock` in the cache directory (the crawl journal and
// the annotation cache are what two runs must not share). Crash-safe: a lock whose process is gone
// (same host, pid not alive) is stale and cleared, so a kill -9 never wedges the next run.
import { linkSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname as osHostname } from 'node:os';
import { join } from 'node:path';
import { TunesetError } from '../pipeline/errors.js';
import { makeDirs } from '../pipeline/make-dirs.js';

export const LOCK_FILE = 'run.lock';

/** What run.lock holds: who took it, where, when and with what command. */
export interface LockHolder {
  pid: number;
  hostname: string;
  startedAt: string;
  command: string;
}

export interface LockEnv {
  /** @default process.pid */
  pid?: number;
  /** @default os.hostname() */
  hostname?: string;
  /** Whether a pid on this host is running. @default process.kill(pid, 0) */
  isAlive?: (pid: number) => boolean;
  now?: () => Date;
}

/** A lock held by a running process (or by one on another host, whose liveness cannot be told). */
export class RunLockedError extends TunesetError {
  override name = 'RunLockedError';
  constructor(
    readonly path: string,
    readonly holder: LockHolder,
  ) {
    super(`another run holds ${path}: pid ${holder.pid} on ${holder.hostname}, since ${holder.startedAt} (${holder.command}); wait for it to end, or stop it`);
  }
}

export const lockPath = (cacheDir: string): string => join(cacheDir, LOCK_FILE);

/** ESRCH means no such process; EPERM means it exists but is someone else's, so it is alive. */
export const pidIsAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

const isHolder = (v: unknown): v is LockHolder => {
  const h = v as Partial<LockHolder> | null;
  return typeof h === 'object' && h !== null && Number.isInteger(h.pid) && typeof h.hostname === 'string' && typeof h.startedAt === 'string' && typeof h.command === 'string';
};

/** The lock's holder; undefined when there is no lock. A file that is not a lock is an error naming it. */
export const readLock = (path: string): LockHolder | undefined => {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  // Written whole before it gets its name (see acquire), so a torn lock is never ours: say so.
  if (!isHolder(parsed)) throw new TunesetError(`${path} is not a tuneset run lock (expected JSON with pid, hostname, startedAt, command); delete it if no run is going`);
  return parsed;
};

/** Stale: taken on this host by a process that is no longer running. Another host's lock is never judged stale. */
export const isStale = (holder: LockHolder, env: LockEnv = {}): boolean =>
  holder.hostname === (env.hostname ?? osHostname()) && !(env.isAlive ?? pidIsAlive)(holder.pid);

/**
 * Removes the lock if it is stale, returning the dead holder (for the log line), else undefined.
 * The file is read again just before unlinking and removed only if it is still the same lock, so a
 * fresh lock another process took in the meantime is left alone.
 */
export const clearStaleLock = (cacheDir: string, env: LockEnv = {}): LockHolder | undefined => {
  const path = lockPath(cacheDir);
  const holder = readLock(path);
  if (!holder || !isStale(holder, env)) return undefined;
  const again = readLock(path);
  if (!again || JSON.stringify(again) !== JSON.stringify(holder)) return undefined;
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  return holder;
};

/** The live holder of the lock, if any: what a plain `tuneset run` refuses to run beside. */
export const liveHolder = (cacheDir: string, env: LockEnv = {}): LockHolder | undefined => {
  const holder = readLock(lockPath(cacheDir));
  return holder && !isStale(holder, env) ? holder : undefined;
};

export interface RunLock {
  path: string;
  holder: LockHolder;
  /** Deletes the lock if it is still this one; safe to call twice. */
  release(): void;
}

/**
 * Takes the lock or throws RunLockedError. A stale lock is cleared first and reported through
 * `onStale`. The lock's content is written to a private file and linked to run.lock: link fails
 * with EEXIST atomically, and a lock never exists half-written.
 */
export const acquireRunLock = (cacheDir: string, command: string, env: LockEnv & { onStale?: (dead: LockHolder) => void } = {}): RunLock => {
  const path = lockPath(cacheDir);
  makeDirs(cacheDir);
  const holder: LockHolder = {
    pid: env.pid ?? process.pid,
    hostname: env.hostname ?? osHostname(),
    startedAt: (env.now?.() ?? new Date()).toISOString(),
    command,
  };
  const text = `${JSON.stringify(holder)}\n`;
  const draft = `${path}.${holder.pid}.${Date.now()}.tmp`;
  writeFileSync(draft, text);
  try {
    // Twice at most: once as found, once after clearing a stale lock.
    for (let attempt = 0; ; attempt++) {
      try {
        linkSync(draft, path);
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const dead = attempt === 0 ? clearStaleLock(cacheDir, env) : undefined;
      if (dead) {
        env.onStale?.(dead);
        continue;
      }
      const current = readLock(path);
      // Released between our link and our read: try again.
      if (!current) continue;
      throw new RunLockedError(path, current);
    }
  } finally {
    unlinkSync(draft);
  }
  let released = false;
  return {
    path,
    holder,
    release: () => {
      if (released) return;
      released = true;
      try {
        if (readFileSync(path, 'utf8') === text) unlinkSync(path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    },
  };
};

/** What the stale-lock log line says, the same wherever a lock is cleared. */
export const staleLockText = (path: string, dead: LockHolder): string =>
  `cleared a stale lock ${path}: pid ${dead.pid} (${dead.command}, started ${dead.startedAt}) is no longer running`;

/**
 * Releases the lock when the process ends: normally, or on SIGINT/SIGTERM, which are raised again
 * once it is released so the exit status still names the signal. Returns the release for the
 * normal path, which also removes these handlers.
 */
export const releaseOnExit = (lock: RunLock): (() => void) => {
  const onExit = () => lock.release();
  const onSignal = (signal: NodeJS.Signals) => {
    done();
    process.kill(process.pid, signal);
  };
  const done = () => {
    process.off('exit', onExit);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    lock.release();
  };
  process.on('exit', onExit);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return done;
};
