import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { BandColumns } from '../../../src/stages/near-dedupe/band-columns.js';
import { forEachBucket } from '../../../src/stages/near-dedupe/band-sort.js';
import { prng } from './corpus.js';

const N = 3000;
const BANDS = 3;

/** Keys from a small range, so most keys are shared, and the same buckets computed naively. */
const setup = () => {
  const dir = mkdtempSync(join(tmpdir(), 'band-sort-'));
  const rand = prng(9);
  const keys = new Uint32Array(N * BANDS);
  // Large keys too: the sort must order the full 32 bits, not just small numbers.
  for (let i = 0; i < keys.length; i++) keys[i] = rand() < 0.5 ? Math.floor(rand() * 400) : 0xffffff00 + Math.floor(rand() * 200);
  const columns = new BandColumns(join(dir, 'bands'), BANDS);
  // Appended in uneven batches, as the minhash task hands them over.
  for (let at = 0; at < N; ) {
    const n = Math.min(N - at, 1 + Math.floor(rand() * 300));
    columns.append(keys.subarray(at * BANDS, (at + n) * BANDS));
    at += n;
  }
  columns.flush();
  const include = (i: number) => i % 7 !== 3;
  const expected = (band: number): number[][] => {
    const byKey = new Map<number, number[]>();
    for (let i = 0; i < N; i++) if (include(i)) byKey.set(keys[i * BANDS + band]!, [...(byKey.get(keys[i * BANDS + band]!) ?? []), i]);
    return [...byKey.entries()].sort((a, b) => a[0] - b[0]).map(([, members]) => members).filter((m) => m.length > 1);
  };
  return { dir, columns, include, expected };
};

const buckets = (columns: BandColumns, band: number, budgetBytes: number, dir: string, include: (i: number) => boolean) => {
  const seen: number[][] = [];
  const runs = forEachBucket(columns, band, { budgetBytes, runsPath: join(dir, 'runs'), include }, (members, count) => seen.push([...members.subarray(0, count)]));
  return { seen, runs };
};

test('a band sorted in memory and one sorted in runs on disk and merged give the same buckets, in key order, members in input order', () => {
  const { dir, columns, include, expected } = setup();
  const included = Array.from({ length: N }, (_, i) => i).filter(include).length;
  for (let band = 0; band < BANDS; band++) {
    const inMemory = buckets(columns, band, 64 << 20, dir, include);
    expect(inMemory.runs).toBe(1);
    expect(inMemory.seen).toEqual(expected(band));
    // 1 KiB holds 128 entries: the band is sorted in ceil(included / 128) runs and merged.
    const external = buckets(columns, band, 1024, dir, include);
    expect(external.runs).toBe(Math.ceil(included / 128));
    expect(external.seen).toEqual(inMemory.seen);
  }
  columns.dispose();
});
