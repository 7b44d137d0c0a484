import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { acquireRunLock, clearStaleLock, liveHolder, lockPath, RunLockedError, type LockHolder } from '../../src/runs/run-lock.js';

const cacheDir = () => join(mkdtempSync(join(tmpdir(), 'tuneset-lock-')), 'cache');
const now = () => new Date('2026-12-02T10:00:00Z');

/** A pid that was alive a moment ago and is not any more. */
const deadPid = (): number => {
  const r = spawnSync(process.execPath, ['-e', '']);
  expect(r.status).toBe(0);
  return r.pid!;
};

const plant = (dir: string, holder: Partial<LockHolder>) => {
  mkdirSync(dir, { recursive: true });
  const full: LockHolder = { pid: process.pid, hostname: hostname(), startedAt: '2026-12-01T09:00:00.000Z', command: 'tuneset run p.ts --if-changed', ...holder };
  writeFileSync(lockPath(dir), `${JSON.stringify(full)}\n`);
  return full;
};

test('the lock is exclusive: a second acquire while held names the holder, and release frees it', () => {
  const dir = cacheDir();
  const first = acquireRunLock(dir, 'tuneset run a.ts --if-changed', { now });
  expect(JSON.parse(readFileSync(lockPath(dir), 'utf8'))).toEqual({ pid: process.pid, hostname: hostname(), startedAt: '2026-12-02T10:00:00.000Z', command: 'tuneset run a.ts --if-changed' });
  let refused: unknown;
  try {
    acquireRunLock(dir, 'tuneset run a.ts --if-changed', { now });
  } catch (error) {
    refused = error;
  }
  expect(refused).toBeInstanceOf(RunLockedError);
  expect((refused as Error).message).toBe(
    `another run holds ${lockPath(dir)}: pid ${process.pid} on ${hostname()}, since 2026-12-02T10:00:00.000Z (tuneset run a.ts --if-changed); wait for it to end, or stop it`,
  );
  first.release();
  expect(existsSync(lockPath(dir))).toBe(false);
});

test('release removes only its own lock: one another process took since (after judging it stale) stays', () => {
  const dir = cacheDir();
  const mine = acquireRunLock(dir, 'tuneset run a.ts --lock', { now });
  const theirs = plant(dir, { pid: process.ppid, command: 'tuneset run a.ts --if-changed' });
  mine.release();
  expect(JSON.parse(readFileSync(lockPath(dir), 'utf8'))).toEqual(theirs);
});

test('a lock whose process is gone is stale: cleared, reported with the dead pid, and taken', () => {
  const dir = cacheDir();
  const pid = deadPid();
  const dead = plant(dir, { pid });
  expect(liveHolder(dir)).toBeUndefined();
  const cleared: LockHolder[] = [];
  const lock = acquireRunLock(dir, 'tuneset run p.ts', { now, onStale: (h) => cleared.push(h) });
  expect(cleared).toEqual([dead]);
  expect(lock.holder.pid).toBe(process.pid);
  expect(JSON.parse(readFileSync(lockPath(dir), 'utf8')).pid).toBe(process.pid);
  lock.release();
});

test('a live lock is not stale; nor is one from another host, whose pid means nothing here', () => {
  const dir = cacheDir();
  const live = plant(dir, {});
  expect(liveHolder(dir)).toEqual(live);
  expect(clearStaleLock(dir)).toBeUndefined();
  expect(() => acquireRunLock(dir, 'x', { now })).toThrow(RunLockedError);

  const other = plant(dir, { pid: deadPid(), hostname: 'build-7.example' });
  expect(clearStaleLock(dir)).toBeUndefined();
  expect(liveHolder(dir)).toEqual(other);
  expect(() => acquireRunLock(dir, 'x', { now })).toThrow(`: pid ${other.pid} on build-7.example,`);
});

test('a file that is not a lock is named, not silently overwritten', () => {
  const dir = cacheDir();
  acquireRunLock(dir, 'setup', { now }).release();
  writeFileSync(lockPath(dir), 'garbage');
  expect(() => acquireRunLock(dir, 'x', { now })).toThrow(`${lockPath(dir)} is not a tuneset run lock (expected JSON with pid, hostname, startedAt, command); delete it if no run is going`);
});
