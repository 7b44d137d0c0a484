import { existsSync, readdirSync } from 'node:fs';
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
