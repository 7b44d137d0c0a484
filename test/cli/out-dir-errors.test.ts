import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect, test } from 'vitest';
import { main } from '../../src/cli/cli.js';
import { captureIo } from '../helpers/capture-io.js';
import { PLAIN, writeRun } from '../train/export/run-fixture.js';

// --out problems are usage errors: one line naming the path and what is wrong, exit 2, no stack.
const run = async (...argv: string[]) => {
  const c = captureIo();
  const code = await main(argv, c.io);
  return { code, stdout: c.stdout(), stderr: c.stderr() };
};
const STOPS = 'fixtures/run/stops-midway.ts';
const ROOT = join(import.meta.dirname, '..', '..');

// In a child with a deadline: before the fix, mkdir in /proc spun for ever.
const tunesetWithDeadline = (args: string[]) => {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'tuneset.js'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
  return { code: r.status, signal: r.signal, stderr: r.stderr };
};

test.skipIf(!existsSync('/proc/self'))('run --out in a file system that takes no new directories (/proc) ends at once with exit 2', () => {
  expect(tunesetWithDeadline(['run', STOPS, '--out', '/proc/tuneset-out/run'])).toEqual({
    code: 2,
    signal: null,
    stderr: 'error: --out /proc/tuneset-out/run cannot be created: the file system does not allow creating it there (ENOENT)\n',
  });
});

test('export --out under a file is a usage error naming the path', async () => {
  const runDir = writeRun({ train: { plain: PLAIN } });
  const file = join(mkdtempSync(join(tmpdir(), 'tuneset-out-dir-')), 'notes.txt');
  writeFileSync(file, 'x');
  expect(await run('export', runDir, '--to', 'trl', '--out', join(file, 'trl'))).toEqual({
    code: 2,
    stdout: '',
    stderr: `error: --out ${join(file, 'trl')} cannot be created: a part of the path is a file, not a directory (ENOTDIR)\n`,
  });
});

test.skipIf(!existsSync('/proc/self'))('export --out in /proc is a usage error, not a hang', () => {
  const runDir = writeRun({ train: { plain: PLAIN } });
  expect(tunesetWithDeadline(['export', runDir, '--to', 'trl', '--out', '/proc/tuneset-export'])).toEqual({
    code: 2,
    signal: null,
    stderr: 'error: --out /proc/tuneset-export cannot be created: the file system does not allow creating it there (ENOENT)\n',
  });
});

// root writes anywhere, so as root the CLI runs as `nobody` (uid 65534) to meet the permission.
test('run --out in a directory without write permission says permission denied', () => {
  const parent = join(mkdtempSync(join(tmpdir(), 'tuneset-out-dir-')), 'locked');
  mkdirSync(parent);
  chmodSync(parent, 0o555);
  chmodSync(dirname(parent), 0o755);
  const asOther = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'tuneset.js'), 'run', STOPS, '--out', join(parent, 'run')], { cwd: ROOT, encoding: 'utf8', timeout: 60_000, ...asOther });
  expect({ code: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual({
    code: 2,
    stdout: '',
    stderr: `error: --out ${join(parent, 'run')} cannot be created: permission denied (EACCES)\n`,
  });
  chmodSync(parent, 0o755);
});
