import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { makeDirs } from '../../src/pipeline/make-dirs.js';

const temp = () => mkdtempSync(join(tmpdir(), 'tuneset-make-dirs-'));
const codeOf = (f: () => unknown) => {
  try {
    f();
  } catch (error) {
    return (error as NodeJS.ErrnoException).code;
  }
  return 'no error';
};

test('creates every missing directory and returns the first one it created', () => {
  const root = temp();
  expect(makeDirs(join(root, 'a', 'b', 'c'))).toBe(join(root, 'a'));
  expect(statSync(join(root, 'a', 'b', 'c')).isDirectory()).toBe(true);
  expect(makeDirs(join(root, 'a', 'b'))).toBeUndefined();
});

test('a path under a file fails with ENOTDIR', () => {
  const root = temp();
  writeFileSync(join(root, 'f'), 'x');
  expect(codeOf(() => makeDirs(join(root, 'f', 'sub', 'run')))).toBe('ENOTDIR');
});

// Node's recursive mkdirSync spins forever on procfs; run it in a child with a deadline so the
// test fails, not hangs, if makeDirs ever goes back to it.
test.skipIf(!existsSync('/proc/self'))('a directory in /proc fails at once with ENOENT instead of spinning', () => {
  const script = `import { makeDirs } from ${JSON.stringify(join(import.meta.dirname, '../../src/pipeline/make-dirs.ts'))};
try { makeDirs('/proc/tuneset-x/run'); console.log('made'); } catch (e) { console.log(e.code); }`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 20_000 });
  expect({ out: r.stdout, signal: r.signal }).toEqual({ out: 'ENOENT\n', signal: null });
});
