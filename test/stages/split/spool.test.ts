import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { Spool } from '../../../src/stages/split/spool.js';

test('bodies read back whole, back to back, around one larger than the write buffer', () => {
  const spool = new Spool(join(mkdtempSync(join(tmpdir(), 'tuneset-spool-')), 'bodies'));
  const bodies = ['first é', 'x'.repeat(3 << 20), '', 'last 群'];
  const spans = bodies.map((b) => spool.append(b));
  expect(spans.map((s) => s.offset)).toEqual([0, 8, 8 + (3 << 20), 8 + (3 << 20)]);
  expect(spool.size).toBe(8 + (3 << 20) + 8);
  expect(spans.map((s) => spool.read(s))).toEqual(bodies);
  spool.dispose();
});
