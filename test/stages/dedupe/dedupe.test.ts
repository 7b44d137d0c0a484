import { expect, test } from 'vitest';
import { dedupe } from '../../../src/stages/dedupe/dedupe.js';
import { item, runStage } from '../../helpers/run-stage.js';

test('keeps the first seen, drops later copies as duplicate with the kept id, unites their groups', async () => {
  const { out, drops, groups, counters } = await runStage(dedupe({ fields: ['passage', 'question'] }), [
    item('p1-q1', { passage: 'Five  runners race.', question: 'Who wins?' }, { group: 'p1' }),
    item('p2-q1', { passage: 'five runners\nrace.', question: 'WHO WINS?' }, { group: 'p2' }),
    item('p2-q2', { passage: 'five runners race.', question: 'Who is last?' }, { group: 'p2' }),
  ]);
  expect(out.map((o) => o.id)).toEqual(['p1-q1', 'p2-q2']);
  expect(drops.map(({ id, code, detail }) => ({ id, code, detail }))).toEqual([{ id: 'p2-q1', code: 'duplicate', detail: { keptId: 'p1-q1' } }]);
  // The rest of the duplicated passage now belongs with the kept question's passage.
  expect(groups.find('p2')).toBe(groups.find('p1'));
  expect(typeof out[0]!.meta['contentHash']).toBe('string');
  expect(counters.balanced()).toBe(true);
});

test('case and whitespace folding can be switched off', async () => {
  const { out } = await runStage(dedupe({ fields: ['q'], caseFold: false, collapseWhitespace: false }), [item('a', { q: 'Hi there' }), item('b', { q: 'hi  there' })]);
  expect(out).toHaveLength(2);
});

test('options are checked when declared', () => {
  expect(() => dedupe({ fields: [] })).toThrow(/\[dedupe\] invalid options: fields/);
});
