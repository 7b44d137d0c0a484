import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { NameLog } from '../../../src/stages/split/name-log.js';

test('names read back in the order written, across read chunks, with newlines, quotes and multi-byte characters', () => {
  const log = new NameLog(join(mkdtempSync(join(tmpdir(), 'tuneset-names-')), 'groups'));
  // ~3 MB of names (3 bytes a character): read back in several 1 MiB chunks, names cut at their edges.
  const names = Array.from({ length: 3000 }, (_, i) => (i % 500 === 0 ? `line\nbreak "${i}"` : i % 7 === 0 ? '' : `${i}:${'群'.repeat(300 + (i % 7))}`));
  for (const name of names) log.append(name);
  expect([...log.all()]).toEqual(names);
  log.dispose();
});
