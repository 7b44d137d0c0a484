import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { readLines } from '../../src/runs/line-reader.js';
import { tempRoot } from './planted-runs.js';

test('reads lines across 64 KiB chunks intact, multi-byte characters included, and a last line without newline', () => {
  const path = join(tempRoot(), 'lines.jsonl');
  // 'é' is two bytes: with 65,535 'a's before it, its bytes straddle the first chunk boundary.
  const lines = [`${'a'.repeat(65_535)}é${'b'.repeat(10)}`, '', '日本語', 'last'];
  writeFileSync(path, lines.join('\n'));
  expect([...readLines(path)]).toEqual(lines);
  writeFileSync(path, '');
  expect([...readLines(path)]).toEqual([]);
});
