import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { trainDecision } from '../../src/runs/if-changed.js';
import { tuneset } from '../helpers/hand-off.js';

// tuneset run's runs-over-time options (--if-changed, --train-if-changed, --lock) and the lock a
// plain run respects; tuneset schedule's usage errors. The runs themselves are in test/runs/*acceptance*.
const env = {};
const tmp = () => mkdtempSync(join(tmpdir(), 'tuneset-run-over-time-'));

test('a plain run refuses to start while a live process holds the pipeline lock, naming its pid and start time', async () => {
  const cache = join(tmp(), 'cache');
  mkdirSync(cache);
  const holder = { pid: process.pid, hostname: hostname(), startedAt: '2026-12-02T03:00:00.000Z', command: 'tuneset run pipelines/ar-lsat.ts --if-changed' };
  writeFileSync(join(cache, 'run.lock'), JSON.stringify(holder));
  const r = await tuneset(env, 'run', 'pipelines/ar-lsat.ts', '--cache', cache);
  expect(r.code).toBe(1);
  expect(r.stderr).toBe(
    `error: another run holds ${cache}/run.lock: pid ${process.pid} on ${hostname()}, since 2026-12-02T03:00:00.000Z (tuneset run pipelines/ar-lsat.ts --if-changed); wait for it to end, or stop it\n`,
  );
  expect(r.stdout).toBe('');
  // --lock (what scheduled runs pass) is refused the same way.
  const locked = await tuneset(env, 'run', 'pipelines/ar-lsat.ts', '--cache', cache, '--lock');
  expect(locked.code).toBe(1);
  expect(locked.stderr).toContain(`pid ${process.pid} on ${hostname()}, since 2026-12-02T03:00:00.000Z`);
  // The lock is still the holder's.
  expect(readdirSync(cache)).toEqual(['run.lock']);
});

test('--if-changed and --train-if-changed compare with output/<pipeline>/, so --out is a usage error; the threshold is a share', async () => {
  const out = join(tmp(), 'run');
  expect(await tuneset(env, 'run', 'pipelines/ar-lsat.ts', '--if-changed', '--out', out)).toEqual({
    code: 2,
    stdout: '',
    stderr: 'error: --if-changed compares with the latest run in output/<pipeline>/, so it cannot be used with --out\n',
  });
  expect((await tuneset(env, 'run', 'pipelines/ar-lsat.ts', '--train-if-changed', '0.1', '--out', out)).stderr).toBe(
    'error: --train-if-changed compares with the latest run in output/<pipeline>/, so it cannot be used with --out\n',
  );
  for (const bad of ['1.5', '-0.1', 'ten', '']) {
    const r = await tuneset(env, 'run', 'pipelines/ar-lsat.ts', `--train-if-changed=${bad}`);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`error: --train-if-changed expects a share of examples from 0 to 1 (0.05 = 5%), got "${bad}"\n`);
  }
});

test('--train-if-changed trains from the threshold up, says why not below it, and trains a first run', () => {
  const counts = { added: 1, removed: 0, changed: 2, unchanged: 137 };
  expect(trainDecision(counts, 0.05, 'r1')).toEqual({ train: false, reason: 'not training: 3 of 140 examples differ from the last trained run r1 (2.1%), below --train-if-changed 0.05' });
  expect(trainDecision(counts, 3 / 140, 'r1')).toEqual({ train: true, reason: `training: 3 of 140 examples differ from the last trained run r1 (2.1%), at least --train-if-changed ${3 / 140}` });
  expect(trainDecision({ added: 0, removed: 0, changed: 0, unchanged: 5 }, 0, 'r1').train).toBe(true);
  expect(trainDecision(undefined, 0.5)).toEqual({ train: true, reason: 'training: no earlier run was handed to training' });
});

test('tuneset schedule: a bad or missing cron expression is a usage error naming it', async () => {
  expect(await tuneset(env, 'schedule', 'pipelines/ar-lsat.ts', '--cron', '61 * * * *')).toEqual({
    code: 2,
    stdout: '',
    stderr: 'error: --cron "61 * * * *" is not a cron expression: Invalid value for minute: 61\n',
  });
  expect((await tuneset(env, 'schedule', 'pipelines/ar-lsat.ts', '--cron', 'every day')).stderr).toBe(
    `error: --cron "every day" is not a cron expression: invalid configuration format ('every day'), exactly five, six, or seven space separated parts are required.\n`,
  );
  expect((await tuneset(env, 'schedule', 'pipelines/ar-lsat.ts', '--cron', '2027-01-01T03:00:00')).stderr).toBe(
    'error: --cron "2027-01-01T03:00:00" is not a repeating schedule: give cron fields such as "0 3 * * *" (daily at 03:00)\n',
  );
  const missing = await tuneset(env, 'schedule', 'pipelines/ar-lsat.ts');
  expect(missing.code).toBe(2);
  expect(missing.stderr).toBe(`error: tuneset schedule needs --cron "<expr>", e.g. --cron "0 3 * * *" (daily at 03:00). See 'tuneset schedule --help'.\n`);
  expect((await tuneset(env, 'schedule', 'pipelines/ar-lsat.ts', '--cron', '* * * * *', '--max-runs', '0')).stderr).toBe('error: --max-runs expects a whole number >= 1, got "0"\n');
});
