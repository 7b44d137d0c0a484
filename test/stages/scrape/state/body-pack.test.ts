import { appendFileSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { BodyPack } from '../../../../src/stages/scrape/state/body-pack.js';

const hash = (c: string) => c.repeat(64);
const packPath = () => join(mkdtempSync(join(tmpdir(), 'tuneset-pack-')), 'bodies.pack');

test('bodies written are read back, also after reopening', () => {
  const path = packPath();
  const pack = new BodyPack(path);
  pack.put(hash('a'), { text: 'first — with UTF-8' });
  pack.put(hash('b'), { text: 'second' });
  pack.put(hash('a'), { text: 'ignored: same hash, same body' });
  expect(pack.get(hash('a'))).toEqual({ text: 'first — with UTF-8' });
  pack.close();
  const again = new BodyPack(path);
  expect([again.has(hash('a')), again.has(hash('c'))]).toEqual([true, false]);
  expect(again.get(hash('b'))).toEqual({ text: 'second' });
});

test('a line torn by a kill is cut off, and writing goes on after the last whole line', () => {
  const path = packPath();
  const pack = new BodyPack(path);
  pack.put(hash('a'), { text: 'whole' });
  pack.close();
  appendFileSync(path, `${hash('b')}\t{"text":"cut sh`);
  const reopened = new BodyPack(path);
  expect(reopened.has(hash('b'))).toBe(false);
  reopened.put(hash('c'), { text: 'after' });
  expect([reopened.get(hash('a')), reopened.get(hash('c'))]).toEqual([{ text: 'whole' }, { text: 'after' }]);
  reopened.close();
  expect(readFileSync(path, 'utf8').split('\n').filter(Boolean)).toHaveLength(2);
});

test('compaction keeps only referenced bodies once at least half the pack is garbage', () => {
  const path = packPath();
  const pack = new BodyPack(path);
  for (const c of 'abcd') pack.put(hash(c), { text: c.repeat(100) });
  pack.compact(new Set([hash('a'), hash('b'), hash('c')]));
  expect(statSync(path).size).toBeGreaterThan(400);
  pack.compact(new Set([hash('a')]));
  pack.close();
  const compacted = new BodyPack(path);
  expect([compacted.has(hash('a')), compacted.has(hash('b'))]).toEqual([true, false]);
  expect(compacted.get(hash('a'))).toEqual({ text: 'a'.repeat(100) });
});
