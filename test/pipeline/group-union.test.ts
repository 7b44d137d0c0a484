import { expect, test } from 'vitest';
import { GroupUnion } from '../../src/pipeline/group-union.js';

test('the representative is the smallest key whatever the order of unions', () => {
  const a = new GroupUnion();
  a.union('p3', 'p2');
  a.union('p2', 'p9');
  const b = new GroupUnion();
  b.union('p9', 'p2');
  b.union('p3', 'p9');
  for (const k of ['p2', 'p3', 'p9']) {
    expect(a.find(k)).toBe('p2');
    expect(b.find(k)).toBe('p2');
  }
  expect(a.find('p5')).toBe('p5');
  expect(a.merged).toBe(2);
});
