import { existsSync, mkdtempSync, readdirSync, rmSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { ENTRY_WORDS, KeyRun } from '../../../src/pipeline/compact/key-run.js';

// Linux's /dev/full opens fine and fails every write with ENOSPC: a disk that fills up mid-spill.
const canFill = existsSync('/dev/full') && existsSync('/proc/self/fd');
const openFiles = (): number => readdirSync('/proc/self/fd').length;

test.skipIf(!canFill)('a run that cannot be written (disk full) fails the spill and leaves no file handle open', () => {
  const sorted = new Uint32Array(3 * ENTRY_WORDS);
  for (let i = 0; i < 3; i++) sorted[i * ENTRY_WORDS] = i + 1;
  const before = openFiles();
  for (let n = 0; n < 5; n++) expect(() => new KeyRun('/dev/full', sorted)).toThrow('ENOSPC');
  expect(openFiles()).toBe(before);
});

test('a run file cut while in use is an error naming the file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'key-run-'));
  try {
    const path = join(dir, 'run.keys');
    const sorted = new Uint32Array(3 * ENTRY_WORDS);
    for (let i = 0; i < 3; i++) sorted[i * ENTRY_WORDS] = i + 1;
    const run = new KeyRun(path, sorted);
    expect(run.get(sorted.subarray(ENTRY_WORDS, 2 * ENTRY_WORDS))).toBe(0);
    truncateSync(path, 0);
    expect(() => run.get(sorted.subarray(ENTRY_WORDS, 2 * ENTRY_WORDS))).toThrow(`spilled key run ${path} ended early at entry 0 of 3 (was it deleted or cut while the run used it?)`);
    run.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
