import { readdirSync } from 'node:fs';
import { expect, test } from 'vitest';
import type { Item } from '../../../src/pipeline/item.js';
import { nearDedupe } from '../../../src/stages/near-dedupe/near-dedupe.js';
import { item, runStage } from '../../helpers/run-stage.js';

// Enough records for several band-sort runs under a 1 KiB share, and clusters of copies.
const records = (n: number): Item<{ text: string }>[] =>
  Array.from({ length: n }, (_, i) => item(`r${i}`, { text: `doc ${i % 50} about the river and the old mill by the road, ${i % 50} times` }));

/** A fresh context (and scratch directory) from a run over nothing. */
const context = async (keyMemoryBytes: number) => (await runStage(nearDedupe({ fields: ['text'] }), [], { keyMemoryBytes })).ctx;

test('near-dedupe leaves no spool, signature, band or run file behind: finished, stopped after one record, or failed mid-input', async () => {
  // Finished, band keys sorted in runs on disk.
  const done = await runStage(nearDedupe({ fields: ['text'] }), records(600), { keyMemoryBytes: 1024 });
  expect(done.out).toHaveLength(50);
  expect(readdirSync(done.ctx.tmpDir)).toEqual([]);

  // Stopped by its consumer after the first record (the files exist until then).
  const ctx = await context(1024);
  const run = nearDedupe({ fields: ['text'] }).run((async function* () { yield* records(600); })(), ctx)[Symbol.asyncIterator]();
  expect((await run.next()).value?.id).toBe('r0');
  expect(readdirSync(ctx.tmpDir).length).toBeGreaterThan(0);
  await run.return!(undefined);
  expect(readdirSync(ctx.tmpDir)).toEqual([]);

  // The input fails after some records.
  const failing = await context(1024);
  const broken = async function* () {
    yield* records(300);
    throw new Error('upstream broke');
  };
  await expect(async () => {
    for await (const _ of nearDedupe({ fields: ['text'] }).run(broken(), failing)) void _;
  }).rejects.toThrow('upstream broke');
  expect(readdirSync(failing.tmpDir)).toEqual([]);
});
