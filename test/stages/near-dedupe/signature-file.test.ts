import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { SignatureFile } from '../../../src/stages/near-dedupe/signature-file.js';

const K = 16;

test('similarity reads rows back from the file, also two rows that share a cache slot', () => {
  const file = new SignatureFile(join(mkdtempSync(join(tmpdir(), 'signatures-')), 'sig'), K);
  // Row r: values r % 5 in the first half, and r in the second, so rows equal mod 5 share half their values.
  const rows = 5000;
  for (let at = 0; at < rows; at += 1000) {
    const batch = new Uint16Array(1000 * K);
    for (let r = 0; r < 1000; r++) for (let p = 0; p < K; p++) batch[r * K + p] = p < K / 2 ? (at + r) % 5 : at + r;
    file.append(batch);
  }
  file.flush();
  expect(file.size).toBe(rows);
  const chance = 1 / 65536;
  const estimate = (equal: number) => (equal / K - chance) / (1 - chance);
  expect(file.similarity(7, 7)).toBe(1);
  expect(file.similarity(2, 7)).toBe(estimate(K / 2));
  expect(file.similarity(2, 8)).toBe(0);
  // 1 and 4097 map to the same slot of the 4096-row cache (a row r and r + 4096 never agree here,
  // since 4096 % 5 = 1); 4 and 4099 sit in different slots and agree in half their values.
  expect(file.similarity(1, 4097)).toBe(0);
  expect(file.similarity(4, 4099)).toBe(estimate(K / 2));
  expect(file.similarity(4099, 4)).toBe(estimate(K / 2));
  file.dispose();
});
