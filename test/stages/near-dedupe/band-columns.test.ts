import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { BandColumns } from '../../../src/stages/near-dedupe/band-columns.js';

test('each band reads back in record order across full blocks and the short last one', () => {
  // 4096 bands make a block of 128 records, so 300 records are two full blocks and one of 44.
  const bands = 4096;
  const n = 300;
  const key = (i: number, b: number) => (i * 7919 + b * 104729) >>> 0;
  const columns = new BandColumns(join(mkdtempSync(join(tmpdir(), 'band-columns-')), 'bands'), bands);
  for (let at = 0; at < n; at += 50) {
    const batch = new Uint32Array(50 * bands);
    for (let r = 0; r < 50; r++) for (let b = 0; b < bands; b++) batch[r * bands + b] = key(at + r, b);
    columns.append(batch);
  }
  columns.flush();
  for (const band of [0, 1, 2047, 4095]) {
    const read: number[] = [];
    const firsts: number[] = [];
    columns.readBand(band, (keys, first) => {
      firsts.push(first);
      read.push(...keys);
    });
    expect(firsts).toEqual([0, 128, 256]);
    expect(read).toEqual(Array.from({ length: n }, (_, i) => key(i, band)));
  }
  columns.dispose();
});
