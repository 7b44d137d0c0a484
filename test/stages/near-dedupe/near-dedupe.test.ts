import { expect, test } from 'vitest';
import { GroupUnion } from '../../../src/pipeline/group-union.js';
import { nearDedupe } from '../../../src/stages/near-dedupe/near-dedupe.js';
import { item, runStage } from '../../helpers/run-stage.js';

// ~60 words, so a one-word change keeps Jaccard of 5-word shingles well above 0.8.
const BASE =
  'The committee met on Tuesday to review the budget for the coming year. Members discussed the cost of repairs to the ' +
  'old library, the salaries of the part time staff, and a proposal to extend opening hours on weekends during the summer ' +
  'months. After a long debate the chair asked for a vote, and the proposal passed by a narrow margin of two votes.';
const NEAR = BASE.replace('narrow margin', 'slim margin').toUpperCase().replaceAll(',', ' ;');
const OTHER =
  'A small bakery on the corner sells bread, pastries and coffee from early morning. The owner bakes everything herself ' +
  'and closes when the shelves are empty, which on market days can be before noon.';

test('keeps the first of a cluster, drops the others as near_duplicate with kept id and similarity, unites groups', async () => {
  const { out, drops, groups, counters, report } = await runStage(nearDedupe({ fields: ['text'] }), [
    item('a', { text: BASE }, { group: 'ga' }),
    item('x', { text: OTHER }, { group: 'gx' }),
    item('b', { text: NEAR }, { group: 'gb' }),
  ]);
  expect(out.map((o) => o.id)).toEqual(['a', 'x']);
  expect(drops).toHaveLength(1);
  const [d] = drops;
  expect(d).toMatchObject({ id: 'b', code: 'near_duplicate', detail: { keptId: 'a' } });
  const { similarity } = d!.detail as { similarity: number };
  expect(similarity).toBeGreaterThan(0.8);
  expect(similarity).toBeLessThan(1);
  expect(groups.find('gb')).toBe(groups.find('ga'));
  expect(groups.find('gx')).not.toBe(groups.find('ga'));
  expect(counters.balanced()).toBe(true);
  expect(counters.droppedByCode.get('near_duplicate')).toBe(1);
  expect(report).toMatchObject({ items: 3, dropped: 1, clusters: 1, bands: 32, rows: 8 });
});

test('emits survivors in input order with their data and meta untouched', async () => {
  const records = [item('x', { text: OTHER, n: 1 }, { meta: { k: 'v' } }), item('b', { text: NEAR }), item('a', { text: BASE })];
  const { out } = await runStage(nearDedupe({ fields: ['text'] }), records);
  expect(out).toEqual([records[0], records[1]]);
});

test("keep: 'longest' keeps the member with the most text", async () => {
  const longer = `${BASE} Minutes were taken.`;
  const { out, drops } = await runStage(nearDedupe({ fields: ['text'], keep: 'longest' }), [
    item('a', { text: BASE }),
    item('b', { text: longer }),
    item('c', { text: NEAR }),
  ]);
  expect(out.map((o) => o.id)).toEqual(['b']);
  expect(drops.map((d) => [d.id, (d.detail as { keptId: string }).keptId])).toEqual([
    ['a', 'b'],
    ['c', 'b'],
  ]);
});

test("keep: 'newest' keeps the latest source.fetchedAt; a record without a date never wins", async () => {
  const at = (fetchedAt?: string) => ({ source: { uri: 'test://x', ...(fetchedAt ? { fetchedAt } : {}) } });
  const { out, drops } = await runStage(nearDedupe({ fields: ['text'], keep: 'newest' }), [
    item('undated', { text: BASE }, at()),
    item('old', { text: NEAR }, at('2025-01-01T00:00:00Z')),
    item('new', { text: BASE }, at('2026-03-01T00:00:00Z')),
    item('tie', { text: BASE }, at('2026-03-01T00:00:00Z')),
  ]);
  expect(out.map((o) => o.id)).toEqual(['new']);
  expect(drops.map((d) => d.id)).toEqual(['undated', 'old', 'tie']);
  expect(drops.every((d) => (d.detail as { keptId: string }).keptId === 'new')).toBe(true);
});

test('compares only the given fields, and empty texts are never near-duplicates', async () => {
  const { out } = await runStage(nearDedupe({ fields: ['q'] }), [
    item('a', { q: BASE, answer: 'A' }),
    item('b', { q: OTHER, answer: 'A' }),
    item('e1', { q: '', answer: 'B' }),
    item('e2', { q: '...', answer: 'B' }),
  ]);
  expect(out.map((o) => o.id)).toEqual(['a', 'b', 'e1', 'e2']);
});

test('groups merge in the run-level union-find even when both sides already share other groups', async () => {
  const groups = new GroupUnion();
  groups.union('gb', 'gb-sibling');
  await runStage(nearDedupe({ fields: ['text'] }), [item('a', { text: BASE }, { group: 'ga' }), item('b', { text: NEAR }, { group: 'gb' })], { groups });
  expect(groups.find('gb-sibling')).toBe(groups.find('ga'));
});

test('options are checked when declared', () => {
  expect(() => nearDedupe({ fields: [] })).toThrow(expect.objectContaining({ message: 'stage "near-dedupe": option fields: expected at least 1 item, got 0' }));
  expect(() => nearDedupe({ fields: ['t'], threshold: 1.2 })).toThrow(/threshold/);
  expect(() => nearDedupe({ fields: ['t'], bands: 4 })).toThrow(/bands/);
  expect(() => nearDedupe({ fields: ['t'], bands: 40, rows: 8 })).toThrow(/bands/);
  expect(() => nearDedupe({ fields: ['t'], keep: 'last' as never })).toThrow(/keep/);
});
