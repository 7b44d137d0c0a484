import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { z } from 'zod';
import { fixedClock } from '../../src/pipeline/clock.js';
import type { Item } from '../../src/pipeline/item.js';
import { LeakageError } from '../../src/pipeline/leakage.js';
import { pipeline } from '../../src/pipeline/pipeline.js';
import { runPipeline } from '../../src/pipeline/runner.js';
import { defineStage } from '../../src/pipeline/stage.js';
import { split } from '../../src/stages/split/split.js';
import { memorySource } from '../helpers/memory-source.js';
import { item } from '../helpers/run-stage.js';

// Test doubles of a split stage: they set meta.split from a table and never look at groups or content,
// so whatever they get wrong only the check of the written files can catch.
const assignSides = defineStage('assign-sides', z.strictObject({ sides: z.record(z.string(), z.string()) }), ({ sides }) => ({
  async *run(input: AsyncIterable<Item<unknown>>) {
    for await (const it of input) yield { ...it, meta: { ...it.meta, split: sides[it.id] ?? 'train' } };
  },
}));

const clock = fixedClock('2026-11-23T10:00:00Z');
const runIn = () => join(mkdtempSync(join(tmpdir(), 'tuneset-leakage-')), 'run');
const chat = (question: string, answer: string) => ({ messages: [{ role: 'system', content: 'Answer with a letter.' }, { role: 'user', content: question }, { role: 'assistant', content: answer }] });
const finishedLooking = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((f) => !f.endsWith('.partial')) : []);

const texts = [item('a1', { text: 'one' }, { group: 'a' }), item('a2', { text: 'two' }, { group: 'a' }), item('b1', { text: 'three' }, { group: 'b' }), item('a3', { text: 'four' }, { group: 'a' })];

test('one group on two sides fails the run, naming the group, the splits and the lines, and commits nothing', async () => {
  const dir = runIn();
  const p = pipeline('demo', { model: 'm' }).from(memorySource([{ children: texts }])).pipe(assignSides({ sides: { a3: 'validation' } }));
  const run = runPipeline(p, { outDir: dir, clock });
  await expect(run).rejects.toThrow(LeakageError);
  await expect(run).rejects.toThrow(
    'leakage between splits (1 group(s) and 0 prompt(s) on more than one side): group "a" is in train (meta.jsonl line 1: a1) and validation (meta.jsonl line 4: a3). The run failed and no output was committed.',
  );
  expect(finishedLooking(dir)).toEqual([]);
});

test('the same prompt in two groups on two sides fails the run even with another answer and other wrapping', async () => {
  const dir = runIn();
  const items = [
    item('q1', chat('If house 1 is purple, which house has a porch?', 'A'), { group: 'game-1' }),
    item('q2', chat('Which house is tan?', 'C'), { group: 'game-1' }),
    item('q9', chat('If house 1 is PURPLE, which house\nhas a porch?', 'B'), { group: 'game-9' }),
  ];
  const p = pipeline('demo', { model: 'm' }).from(memorySource([{ children: items }])).pipe(assignSides({ sides: { q9: 'validation' } }));
  await expect(runPipeline(p, { outDir: dir, clock })).rejects.toThrow(
    'leakage between splits (0 group(s) and 1 prompt(s) on more than one side): prompt "If house 1 is PURPLE, which house has a porch?" is in train (train.jsonl line 1: q1) and validation (validation.jsonl line 1: q9). The run failed and no output was committed.',
  );
  expect(finishedLooking(dir)).toEqual([]);
});

test('leaks are counted in full and listed up to ten of each kind', async () => {
  const many = Array.from({ length: 12 }, (_, g) => [item(`g${g}-t`, { text: `t${g}` }, { group: `g${g}` }), item(`g${g}-v`, { text: `v${g}` }, { group: `g${g}` })]).flat();
  const sides = Object.fromEntries(many.filter((i) => i.id.endsWith('-v')).map((i) => [i.id, 'validation']));
  const p = pipeline('demo', { model: 'm' }).from(memorySource([{ children: many }])).pipe(assignSides({ sides }));
  const error = await runPipeline(p, { outDir: runIn(), clock }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(LeakageError);
  const { report, counts, message } = error as LeakageError;
  expect(counts).toEqual({ groups: 12, prompts: 0 });
  expect(report.sharedGroups.map((l) => l.name)).toEqual(['g0', 'g1', 'g2', 'g3', 'g4', 'g5', 'g6', 'g7', 'g8', 'g9']);
  expect(message).toMatch(/group "g9" is in train \(meta\.jsonl line 19: g9-t\) and validation \(meta\.jsonl line 20: g9-v\); and 2 more\. The run failed/);
});

test('a finished run records the check of what was written in its manifest', async () => {
  const p = pipeline('demo', { model: 'm' }).from(memorySource([{ children: texts }])).pipe(assignSides({ sides: { b1: 'validation' } }));
  const { manifest } = await runPipeline(p, { outDir: runIn(), clock });
  expect(manifest.leakage).toEqual({ ok: true, examples: { train: 3, validation: 1 }, groups: 2, prompts: 4, sharedGroups: [], sharedPrompts: [] });
});

test('the split stage unites groups that share a prompt, so its runs pass the check', async () => {
  const items = Array.from({ length: 30 }, (_, g) => item(`q${g}`, chat(`Question ${g}?`, 'A'), { group: `game-${g}` }));
  for (let g = 0; g < 30; g += 3) items.push(item(`copy${g}`, chat(`question ${g}?`, 'B'), { group: `copy-${g}` }));
  const p = pipeline('demo', { model: 'm' }).from(memorySource([{ children: items }])).pipe(split({ validation: 0.5, seed: 3 }));
  const { manifest } = await runPipeline(p, { outDir: runIn(), clock });
  expect(manifest.leakage).toMatchObject({ ok: true, groups: 30, prompts: 30 });
  expect(Object.values(manifest.leakage.examples).reduce((a, b) => a + b, 0)).toBe(40);
});
