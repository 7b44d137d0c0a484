import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';

const SOURCE = join(import.meta.dirname, '..', '..', '..', 'src', 'providers', 'fake', 'core.ts');

// Routes, chat completion and batch running all import the core; a runtime import in it (as
// syncToClock's once was: core -> run-batch -> complete -> core) closes a cycle through them.
test('core.ts imports only types, so no runtime import cycle can pass through it', () => {
  const imports = readFileSync(SOURCE, 'utf8').split('\n').filter((line) => /^import\b/.test(line));
  expect(imports.length).toBeGreaterThan(0);
  expect(imports.filter((line) => !line.startsWith('import type '))).toEqual([]);
});
