import { readdirSync } from 'node:fs';
import { expect, test } from 'vitest';
import { dedupe } from '../../../src/stages/dedupe/dedupe.js';
import { item, runStage } from '../../helpers/run-stage.js';

// Three copies of one question that differ only in case and whitespace, and one other question.
const COPIES = [
  item('p2-q1', { passage: 'five runners\nrace.', question: 'WHO WINS?' }, { group: 'p2' }),
  item('p1-q1', { passage: 'Five  runners race.', question: 'Who wins?' }, { group: 'p1' }),
  item('p2-q2', { passage: 'five runners race.', question: 'Who is last?' }, { group: 'p2' }),
  item('p3-q1', { passage: 'Five runners race. ', question: 'who wins?' }, { group: 'p3' }),
];

test('keeps the copy with the smallest id wherever it comes, drops the others as duplicate with the kept id, unites groups', async () => {
  const { out, drops, groups, counters, report } = await runStage(dedupe({ fields: ['passage', 'question'] }), COPIES);
  // Survivors in input order.
  expect(out.map((o) => o.id)).toEqual(['p1-q1', 'p2-q2']);
  expect(out[0]!.data).toEqual(COPIES[1]!.data);
  expect(drops.map(({ id, code, detail }) => ({ id, code, detail }))).toEqual([
    { id: 'p2-q1', code: 'duplicate', detail: { keptId: 'p1-q1' } },
    { id: 'p3-q1', code: 'duplicate', detail: { keptId: 'p1-q1' } },
  ]);
  // The rest of a duplicated passage now belongs with the kept question's passage.
  expect(groups.find('p2')).toBe(groups.find('p1'));
  expect(groups.find('p3')).toBe(groups.find('p1'));
  expect(counters.balanced()).toBe(true);
  expect(report).toEqual({ unique: 2 });
});

test('the same records in any order keep the same copies with the same data and content hash', async () => {
  const run = async (records: typeof COPIES) => (await runStage(dedupe({ fields: ['passage', 'question'] }), records)).out;
  const forward = await run(COPIES);
  const backward = await run([...COPIES].reverse());
  const rotated = await run([...COPIES.slice(2), ...COPIES.slice(0, 2)]);
  const byId = (out: typeof forward) => [...out].sort((a, b) => (a.id < b.id ? -1 : 1));
  expect(byId(backward)).toEqual(byId(forward));
  expect(byId(rotated)).toEqual(byId(forward));
  expect(typeof forward[0]!.meta['contentHash']).toBe('string');
  expect(forward[0]!.meta['contentHash']).not.toBe(forward[1]!.meta['contentHash']);
});

test('copies sharing an id are decided by a hash of their data, the same in either order', async () => {
  const a = item('q', { text: 'Who wins?' }, { source: { uri: 'a.json', line: 1 } });
  const b = item('q', { text: 'WHO  WINS?' }, { source: { uri: 'b.json', line: 1 } });
  const one = await runStage(dedupe({ fields: ['text'] }), [a, b]);
  const other = await runStage(dedupe({ fields: ['text'] }), [b, a]);
  expect(one.out).toHaveLength(1);
  expect(other.out.map((o) => o.data)).toEqual(one.out.map((o) => o.data));
  expect(one.out[0]!.source).toEqual(other.out[0]!.source);
  expect(one.drops.map((d) => [d.code, d.detail])).toEqual([['duplicate', { keptId: 'q' }]]);
});

test("keep: 'first' keeps the first copy seen, as a stream", async () => {
  const { out, drops } = await runStage(dedupe({ fields: ['passage', 'question'], keep: 'first' }), COPIES);
  expect(out.map((o) => o.id)).toEqual(['p2-q1', 'p2-q2']);
  expect(drops.map(({ id, detail }) => [id, detail])).toEqual([
    ['p1-q1', { keptId: 'p2-q1' }],
    ['p3-q1', { keptId: 'p2-q1' }],
  ]);
});

test('emits kept records with their data and meta untouched, and leaves no spool file behind', async () => {
  const records = [item('b', { q: 'x', n: [1, { m: null }] }, { meta: { k: 'v' }, group: 'g' }), item('a', { q: 'y' })];
  const { out, ctx } = await runStage(dedupe({ fields: ['q'] }), records);
  expect(out.map(({ meta: { contentHash: _h, ...meta }, ...rest }) => ({ ...rest, meta }))).toEqual(records);
  expect(readdirSync(ctx.tmpDir)).toEqual([]);
});

test('records read back from the spool in chunks come out whole and in input order', async () => {
  // 40 records of ~60 KB: several 1 MiB read chunks, with records straddling their edges.
  const records = Array.from({ length: 40 }, (_, n) => item(`r${String(39 - n).padStart(2, '0')}`, { text: `${n % 30} ${'é'.repeat(30_000)}`, n }));
  const { out, drops } = await runStage(dedupe({ fields: ['text'] }), records);
  // r39..r10 are the first 30 records; r09..r00 repeat texts 0-9 with smaller ids, so they win.
  const kept = [...records.slice(10, 30), ...records.slice(30)];
  expect(out.map((o) => o.id)).toEqual(kept.map((r) => r.id));
  expect(out.map((o) => o.data)).toEqual(kept.map((r) => r.data));
  expect(drops.map((d) => [d.id, (d.detail as { keptId: string }).keptId])).toEqual(records.slice(0, 10).map((r, n) => [r.id, records[n + 30]!.id]));
});

test('case and whitespace folding can be switched off', async () => {
  const { out } = await runStage(dedupe({ fields: ['q'], caseFold: false, collapseWhitespace: false }), [item('a', { q: 'Hi there' }), item('b', { q: 'hi  there' })]);
  expect(out).toHaveLength(2);
});

test('options are checked when declared', () => {
  expect(() => dedupe({ fields: [] })).toThrow(expect.objectContaining({ message: 'stage "dedupe": option fields: expected at least 1 item, got 0' }));
  expect(() => dedupe({ fields: ['q'], keep: 'last' as never })).toThrow(expect.objectContaining({ message: 'stage "dedupe": option keep: expected one of "smallest-id", "first", got "last"' }));
});
