import { existsSync, mkdtempSync, readdirSync, rmSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { StringSpool } from '../../../src/pipeline/compact/string-spool.js';
import { seededRandom } from '../../../src/train/eval/seeded-random.js';

const dirs: string[] = [];
const scratch = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'string-spool-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

test('strings come back by number and in order: empty, multi-byte, larger than a read chunk, past a batch of starts', () => {
  const random = seededRandom('string-spool');
  const spool = new StringSpool(join(scratch(), 'rows'));
  const texts: string[] = [];
  // 20,000 strings: more than two batches of 8,192 starts; a few of 300-600 KB straddle the 1 MiB chunks
  for (let n = 0; n < 20_000; n++) {
    const pick = random();
    const text = pick < 0.05 ? '' : pick < 0.0515 ? 'é😀'.repeat(50_000 + Math.floor(random() * 50_000)) : `${n} é😀 ${Math.floor(random() * 1e9)}`;
    expect(spool.push(text)).toBe(n);
    texts.push(text);
    // reads between pushes must see what is still buffered
    if (n % 997 === 0) expect(spool.get(n)).toBe(text);
  }
  expect(spool.size).toBe(20_000);
  let n = 0;
  for (const text of spool.inOrder()) {
    if (text !== texts[n]) expect(text).toBe(texts[n]);
    n++;
  }
  expect(n).toBe(20_000);
  for (let i = 0; i < 2000; i++) {
    const at = Math.floor(random() * texts.length);
    expect(spool.get(at)).toBe(texts[at]);
  }
  expect(spool.get(19_999)).toBe(texts[19_999]);
  expect(() => spool.get(20_000)).toThrow('string 20000 is outside a spool of 20000');
  spool.dispose();
});

test('a string read while later ones are still buffered ends where the first buffered one starts', () => {
  const spool = new StringSpool(join(scratch(), 'rows'));
  // 8,192 strings fill a batch and are written; the next 5 stay buffered
  for (let n = 0; n < 8192 + 5; n++) spool.push(`s${n}`);
  expect(spool.get(8191)).toBe('s8191');
  expect(spool.get(8192)).toBe('s8192');
  expect(spool.get(8196)).toBe('s8196');
  expect(spool.get(0)).toBe('s0');
  spool.dispose();
});

test('an empty spool reads nothing, and dispose deletes both files', () => {
  const dir = scratch();
  const spool = new StringSpool(join(dir, 'rows'));
  expect([...spool.inOrder()]).toEqual([]);
  spool.push('a');
  expect(readdirSync(dir).sort()).toEqual(['rows', 'rows.starts']);
  expect([...spool.inOrder()]).toEqual(['a']);
  spool.dispose();
  expect(existsSync(join(dir, 'rows'))).toBe(false);
  expect(readdirSync(dir)).toEqual([]);
});

test('a spool file cut while in use is an error naming the file', () => {
  const path = join(scratch(), 'rows');
  const spool = new StringSpool(path);
  for (let n = 0; n < 8192; n++) spool.push(`s${n}`); // a full batch: written to disk
  truncateSync(path, 0);
  expect(() => spool.get(5)).toThrow(`spool file ${path} ended early: wanted 2 bytes at 10 (was it deleted or cut while the run used it?)`);
  truncateSync(`${path}.starts`, 0);
  expect(() => spool.get(5)).toThrow(`spool file ${path}.starts ended early: wanted 16 bytes at 40`);
  spool.dispose();
});
