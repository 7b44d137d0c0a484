import { expect, test } from 'vitest';
import { seededRandom } from '../../../src/train/eval/seeded-random.js';

// Expected values from a separate Python sfc32 (state: the first 16 bytes of sha256(seed) as four
// little-endian words, 12 outputs discarded). Bootstrap intervals in eval.json depend on this stream,
// so a change to it must show up here rather than as intervals that silently move between versions.
test('seededRandom is sfc32 seeded from sha256(seed), its first 12 outputs discarded', () => {
  const tuneset = seededRandom('tuneset');
  expect([tuneset(), tuneset(), tuneset(), tuneset()]).toEqual([0.8539894069544971, 0.5120414467528462, 0.4908502090256661, 0.7715241410769522]);
  const empty = seededRandom('');
  expect([empty(), empty()]).toEqual([0.18929918017238379, 0.7942703634034842]);
});
