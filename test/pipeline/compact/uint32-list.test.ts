import { expect, test } from 'vitest';
import { Uint32List } from '../../../src/pipeline/compact/uint32-list.js';

test('keeps every pushed number in order through its doublings', () => {
  const list = new Uint32List(16);
  for (let i = 0; i < 1000; i++) list.push(i * 4_000_000 + 7);
  expect(list.length).toBe(1000);
  expect([list.get(0), list.get(16), list.get(17), list.get(999)]).toEqual([7, 64_000_007, 68_000_007, 3_996_000_007]);
  expect(list.bytes).toBe(1024 * 4);
});

test('an index outside the list is an error, not a zero', () => {
  const list = new Uint32List();
  list.push(5);
  expect(() => list.get(1)).toThrow('index 1 is outside a list of 1');
  expect(() => list.get(-1)).toThrow(RangeError);
});
