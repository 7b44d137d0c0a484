import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { expect, test } from 'vitest';
import { seededRandom } from '../../../src/train/eval/seeded-random.js';
import { dedupe } from '../../../src/stages/dedupe/dedupe.js';
import { fromArray, item, runStage } from '../../helpers/run-stage.js';

/**
 * 3,000 records over 700 contents, each copy varied in case and whitespace, ids and groups shuffled,
 * a few ids shared by unequal copies: enough distinct contents that a budget of a few hundred bytes
 * spills the key table dozens of times.
 */
const records = (() => {
  const random = seededRandom('dedupe-spill');
  const pick = (n: number) => Math.floor(random() * n);
  return Array.from({ length: 3000 }, (_, n) => {
    const content = n < 700 ? n : pick(700);
    const text = `Question ${content}: who wins the race?`;
    const varied = random() < 0.5 ? text.toUpperCase() : text.replace(/ /g, random() < 0.5 ? '  ' : '\n');
    // ids are unique apart from one in fifty, which repeats an id from the same content's range
    const id = random() < 0.02 ? `r${String(content).padStart(4, '0')}` : `r${String(pick(1e6)).padStart(7, '0')}-${n}`;
    return item(id, { text: varied, n }, { group: `g${pick(400)}` });
  });
})();

const outcome = async (keep: 'first' | 'smallest-id', keyMemoryBytes: number) => {
  const run = await runStage(dedupe({ fields: ['text'], keep }), records, { keyMemoryBytes });
  return {
    out: run.out,
    drops: run.drops,
    rejected: run.rejected as typeof records,
    report: run.report,
    groups: Array.from({ length: 400 }, (_, g) => run.groups.find(`g${g}`)),
    left: readdirSync(run.ctx.tmpDir),
  };
};

test.each(['smallest-id', 'first'] as const)('keep %s: a budget that spills gives the same records, drops, groups and report as one that does not', async (keep) => {
  const large = await outcome(keep, 64 << 20);
  const tiny = await outcome(keep, 640);
  expect(large.report).toEqual({ unique: 700 });
  expect(large.out).toHaveLength(700);
  expect(large.drops).toHaveLength(2300);
  expect(tiny.out).toEqual(large.out);
  expect(tiny.drops).toEqual(large.drops);
  expect(tiny.rejected).toEqual(large.rejected);
  expect(tiny.report).toEqual(large.report);
  expect(tiny.groups).toEqual(large.groups);
  expect(tiny.left).toEqual([]);
});

const normal = (text: string) => text.toLowerCase().replace(/\s+/g, ' ');
const dataHash = (r: (typeof records)[number]) => createHash('sha256').update(JSON.stringify(r.data)).digest('hex');

test('with a budget that spills, keep smallest-id keeps the smallest id of each content (then the smallest data hash), naming it in each drop', async () => {
  const tiny = await outcome('smallest-id', 640);
  const best = new Map<string, (typeof records)[number]>();
  for (const r of records) {
    const held = best.get(normal(r.data.text));
    if (held === undefined || r.id < held.id || (r.id === held.id && dataHash(r) < dataHash(held))) best.set(normal(r.data.text), r);
  }
  const kept = new Set(best.values());
  expect(tiny.out.map(({ meta: { contentHash: _h, ...meta }, ...rest }) => ({ ...rest, meta }))).toEqual(records.filter((r) => kept.has(r)));
  expect(tiny.drops.map((d) => d.detail)).toEqual(tiny.rejected.map((r) => ({ keptId: best.get(normal(r.data.text))!.id })));
  expect(new Set(tiny.out.map((o) => o.meta['contentHash'])).size).toBe(700);
});

test('with a budget that spills, keep first keeps the first copy of each content, naming it in each drop', async () => {
  const tiny = await outcome('first', 640);
  const first = new Map<string, (typeof records)[number]>();
  for (const r of records) if (!first.has(normal(r.data.text))) first.set(normal(r.data.text), r);
  expect(tiny.out.map((o) => o.data.n)).toEqual([...first.values()].map((r) => r.data.n));
  expect(tiny.drops.map((d) => d.detail)).toEqual(tiny.rejected.map((r) => ({ keptId: first.get(normal(r.data.text))!.id })));
});

test('keep smallest-id frees its key table (and deletes its spilled runs) before the first record goes out; stopping early deletes every file', async () => {
  const stage = dedupe({ fields: ['text'] });
  const { ctx } = await runStage(stage, [], { keyMemoryBytes: 640 });
  const run = stage.run(fromArray(records), ctx)[Symbol.asyncIterator]();
  const first = await run.next();
  expect(first.done).toBe(false);
  expect(readdirSync(ctx.tmpDir).filter((name) => name.startsWith('keys-'))).toEqual([]);
  expect(readdirSync(ctx.tmpDir)).toHaveLength(4); // the two spools, each with its starts file
  await run.return!(undefined);
  expect(readdirSync(ctx.tmpDir)).toEqual([]);
});

test('keep first, stopped part way with runs spilled, deletes every file', async () => {
  const stage = dedupe({ fields: ['text'], keep: 'first' });
  const { ctx } = await runStage(stage, [], { keyMemoryBytes: 640 });
  const run = stage.run(fromArray(records), ctx)[Symbol.asyncIterator]();
  for (let n = 0; n < 300; n++) expect((await run.next()).done).toBe(false);
  expect(readdirSync(ctx.tmpDir).some((name) => name.startsWith('keys-'))).toBe(true);
  await run.return!(undefined);
  expect(readdirSync(ctx.tmpDir)).toEqual([]);
});
