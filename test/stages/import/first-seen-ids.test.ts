import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { FirstSeenIds } from '../../../src/stages/import/first-seen-ids.js';

const MiB = 1024 * 1024;
const scratch = () => mkdtempSync(join(tmpdir(), 'tuneset-first-seen-'));

test('a new id is recorded; a repeat names the input and line where it was first seen', () => {
  const seen = new FirstSeenIds(scratch(), 64 * MiB);
  expect(seen.recordFirst('p1_1', 'a.json', 3)).toBeUndefined();
  expect(seen.recordFirst('p1_2', 'a.json', 4)).toBeUndefined();
  expect(seen.recordFirst('p1_2', 'a.json', 9)).toBe('a.json:4');
  // A repeat records nothing: its own place is never named later.
  expect(seen.recordFirst('p1_2', 'b.json', 2)).toBe('a.json:4');
  expect(seen.size).toBe(2);
});

// A budget of 64 MiB keeps every key in memory; one of 1 KiB spills them to sorted runs every ~38 keys.
for (const budget of [64 * MiB, 1024]) {
  test(`across inputs read in order, each first place names its own input, past table growth (budget ${budget} bytes)`, () => {
    const dir = scratch();
    const seen = new FirstSeenIds(dir, budget);
    const inputs = ['one.json', 'two.json', 'three.json'];
    for (const [f, uri] of inputs.entries()) {
      for (let i = 0; i < 3000; i++) expect(seen.recordFirst(`f${f}_${i}`, uri, 10 + i)).toBeUndefined();
    }
    expect(seen.size).toBe(9000);
    // Repeats read from a fourth input: the first of each input's range, its last, and one inside.
    const firsts = [0, 2999, 1500].flatMap((i) => inputs.map((_, f) => seen.recordFirst(`f${f}_${i}`, 'four.json', 1)));
    expect(firsts).toEqual(['one.json:10', 'two.json:10', 'three.json:10', 'one.json:3009', 'two.json:3009', 'three.json:3009', 'one.json:1510', 'two.json:1510', 'three.json:1510']);
    // Ids that only look alike are different ids.
    expect(seen.recordFirst('f0_1 ', 'four.json', 5)).toBeUndefined();
    expect(seen.recordFirst('F0_1', 'four.json', 6)).toBeUndefined();
    expect(seen.recordFirst('f0_1 ', 'five.json', 1)).toBe('four.json:5');
    // The small budget did spill (run files in the table's own directory); close() leaves nothing behind.
    const [own] = readdirSync(dir);
    expect(readdirSync(join(dir, own!)).length > 0).toBe(budget === 1024);
    seen.close();
    expect(readdirSync(dir)).toEqual([]);
    expect(existsSync(dir)).toBe(true);
  });
}
