import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { z } from 'zod';
import { fixedClock } from '../../src/pipeline/clock.js';
import { LedgerError, UsageError } from '../../src/pipeline/errors.js';
import type { Item } from '../../src/pipeline/item.js';
import { pipeline } from '../../src/pipeline/pipeline.js';
import { runPipeline } from '../../src/pipeline/runner.js';
import { defineFilter, defineStage } from '../../src/pipeline/stage.js';
import { memorySource } from '../helpers/memory-source.js';
import { item } from '../helpers/run-stage.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'tuneset-runner-'));
const clock = fixedClock('2026-11-23T10:00:00Z');
const nonEmpty = defineFilter('non-empty', z.strictObject({}), (it: Item<{ text: string }>) => (it.data.text ? true : { code: 'missing_content' }));
const records = [
  { children: [item('a1', { text: 'one' }, { group: 'a' }), item('a2', { text: '' }, { group: 'a' }), item('a3', { text: 'three' }, { group: 'a' })] },
  { children: [] },
  { children: [item('b1', { text: 'four' })] },
];

test('counts every stage, writes the run directory and balances the ledger', async () => {
  const root = tmp();
  const p = pipeline('demo', { model: 'gpt-4o-mini-2024-07-18' }).from(memorySource(records)).pipe(nonEmpty());
  const { runDir, manifest } = await runPipeline(p, { outputRoot: root, clock });
  expect(runDir).toBe(join(root, 'demo', `20261123T100000Z-${manifest.configHash.slice(0, 8)}`));
  expect(manifest.stages.map(({ ms: _ms, ...s }) => s)).toEqual([
    { name: 'memory', in: 3, expanded: 2, out: 4, dropped: { no_children: 1 }, examples: { no_children: [{ id: 'empty' }] }, errored: 0 },
    { name: 'non-empty', in: 4, expanded: 0, out: 3, dropped: { missing_content: 1 }, examples: { missing_content: [{ id: 'a2' }] }, errored: 0 },
  ]);
  expect(readdirSync(runDir).sort()).toEqual(['manifest.json', 'meta.jsonl', 'rejected.jsonl', 'train.jsonl']);
  expect(readFileSync(join(runDir, 'train.jsonl'), 'utf8')).toBe('{"text":"one"}\n{"text":"three"}\n{"text":"four"}\n');
  const rejected = readFileSync(join(runDir, 'rejected.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  // Streaming order: the second stage drops a2 before the source reaches the empty record.
  expect(rejected.map((r) => [r.stage, r.code, r.id])).toEqual([
    ['non-empty', 'missing_content', 'a2'],
    ['memory', 'no_children', 'empty'],
  ]);
  const meta = JSON.parse(readFileSync(join(runDir, 'meta.jsonl'), 'utf8').split('\n')[0]!);
  expect(meta).toEqual({ id: 'a1', split: 'train', group: 'a', source: { uri: 'test://fixture', line: 1 }, meta: {} });
  expect(manifest.files['train.jsonl']).toMatchObject({ lines: 3, bytes: 48 });
});

test('--limit stops the source mid-expansion and the ledger still balances', async () => {
  const p = pipeline('demo', { model: 'm' }).from(memorySource(records));
  const { manifest } = await runPipeline(p, { outputRoot: tmp(), clock, limit: 2 });
  expect(manifest.stages[0]).toMatchObject({ in: 1, expanded: 1, out: 2 });
});

test('a stage that loses a record fails the run with a ledger error naming it', async () => {
  const lossy = defineStage('lossy', z.strictObject({}), () => ({
    async *run(input: AsyncIterable<Item<unknown>>) {
      let first = true;
      for await (const it of input) {
        if (!first) yield it;
        first = false;
      }
    },
  }));
  const root = tmp();
  const p = pipeline('demo', { model: 'm' }).from(memorySource(records)).pipe(lossy());
  await expect(runPipeline(p, { outputRoot: root, clock })).rejects.toThrow(LedgerError);
  await expect(runPipeline(p, { outputRoot: root, clock })).rejects.toThrow(/lossy: in 4 \+ expanded 0 != out 3 \+ dropped 0 \+ errored 0/);
  // A failed run leaves no file that looks finished.
  for (const dir of readdirSync(join(root, 'demo'))) {
    expect(readdirSync(join(root, 'demo', dir)).filter((f) => !f.endsWith('.partial'))).toEqual([]);
  }
});

test('--out refuses a non-empty directory and uses an empty one as the run directory itself', async () => {
  const out = tmp();
  writeFileSync(join(out, 'keep.txt'), 'x');
  const p = pipeline('demo', { model: 'm' }).from(memorySource(records));
  await expect(runPipeline(p, { outDir: out, clock })).rejects.toThrow(UsageError);
  const empty = join(tmp(), 'run');
  const { runDir } = await runPipeline(p, { outDir: empty, clock });
  expect(runDir).toBe(empty);
  expect(existsSync(join(empty, 'manifest.json'))).toBe(true);
});

test('parameters are parsed with the pipeline schema and bad ones name the parameter', async () => {
  let seen: unknown;
  const p = pipeline('demo', { model: 'm', params: { seed: z.coerce.number().int() } })
    .from(memorySource(records))
    .pipe(({ seed }) => {
      seen = seed;
      return nonEmpty();
    });
  await runPipeline(p, { outputRoot: tmp(), clock, params: { seed: '7' } });
  expect(seen).toBe(7);
  await expect(runPipeline(p, { outputRoot: tmp(), clock, params: { seed: 'x' } })).rejects.toThrow(expect.objectContaining({ message: 'pipeline "demo": option params.seed: expected a number' }));
  await expect(runPipeline(p, { outputRoot: tmp(), clock, params: { other: '1' } })).rejects.toThrow(/option params: unknown option "other"/);
});

test('the manifest keeps three examples per drop code, with their detail', async () => {
  const tooShort = defineFilter('short', z.strictObject({}), (it: Item<{ text: string }>) => (it.data.text.length > 3 ? true : { code: 'too_short', detail: { chars: it.data.text.length } }));
  const five = [{ children: ['a', 'bb', 'ccc', 'd', 'eeeee', 'f'].map((t, i) => item(`r${i}`, { text: t })) }];
  const p = pipeline('demo', { model: 'm' }).from(memorySource(five)).pipe(tooShort());
  const { manifest } = await runPipeline(p, { outputRoot: tmp(), clock });
  expect(manifest.stages[1]!.dropped).toEqual({ too_short: 5 });
  expect(manifest.stages[1]!.examples).toEqual({
    too_short: [
      { id: 'r0', detail: { chars: 1 } },
      { id: 'r1', detail: { chars: 2 } },
      { id: 'r2', detail: { chars: 3 } },
    ],
  });
});

test('after-write checks read the .partial files; a failing check leaves no file that looks finished', async () => {
  let seen: { files: string[]; splits: Record<string, string>; meta: string } | undefined;
  const failingCheck = defineStage('failing-check', z.strictObject({}), () => ({
    async *run(input: AsyncIterable<Item<unknown>>) {
      for await (const it of input) yield { ...it, meta: { ...it.meta, split: it.id === 'b1' ? 'validation' : 'train' } };
    },
    async afterWrite(files) {
      seen = { files: readdirSync(files.runDir).sort(), splits: files.splits, meta: files.meta };
      throw new Error('check failed');
    },
  }));
  const dir = join(tmp(), 'run');
  const p = pipeline('demo', { model: 'm' }).from(memorySource(records)).pipe(failingCheck());
  await expect(runPipeline(p, { outDir: dir, clock })).rejects.toThrow('check failed');
  // While checks run, nothing has its final name yet.
  expect(seen).toEqual({
    files: ['.tmp', '.tuneset-run.json', 'meta.jsonl.partial', 'rejected.jsonl.partial', 'train.jsonl.partial', 'validation.jsonl.partial'],
    splits: { train: join(dir, 'train.jsonl.partial'), validation: join(dir, 'validation.jsonl.partial') },
    meta: join(dir, 'meta.jsonl.partial'),
  });
  expect(existsSync(dir) ? readdirSync(dir).filter((f) => !f.endsWith('.partial')) : []).toEqual([]);
});

test('a finished run is committed whole: data files under their names and manifest.json, no .partial left', async () => {
  const dir = join(tmp(), 'run');
  const p = pipeline('demo', { model: 'm' }).from(memorySource(records)).pipe(nonEmpty());
  const { manifest } = await runPipeline(p, { outDir: dir, clock });
  expect(readdirSync(dir).sort()).toEqual(['manifest.json', 'meta.jsonl', 'rejected.jsonl', 'train.jsonl']);
  expect(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'))).toEqual(manifest);
  expect(Object.keys(manifest.files).sort()).toEqual(['meta.jsonl', 'rejected.jsonl', 'train.jsonl']);
});

test('a stage that appears twice is a pipeline option error naming the pipeline and the stage', async () => {
  const p = pipeline('demo', { model: 'gpt-4o-mini-2024-07-18' }).from(memorySource(records)).pipe(nonEmpty()).pipe(nonEmpty());
  await expect(runPipeline(p, { outputRoot: tmp(), clock })).rejects.toThrow('pipeline "demo": option stages: stage "non-empty" appears twice');
});
