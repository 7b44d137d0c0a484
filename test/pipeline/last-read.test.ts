import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { z } from 'zod';
import { fixedClock } from '../../src/pipeline/clock.js';
import { pipeline } from '../../src/pipeline/pipeline.js';
import { runPipeline } from '../../src/pipeline/runner.js';
import { defineMap } from '../../src/pipeline/stage.js';
import { split } from '../../src/stages/split/split.js';
import { memorySource } from '../helpers/memory-source.js';
import { item } from '../helpers/run-stage.js';

const clock = fixedClock('2026-11-23T12:00:00Z');
const tmp = () => mkdtempSync(join(tmpdir(), 'tuneset-last-read-'));
const records = (second: unknown) => [
  item('q1', { x: 1 }, { source: { uri: 'file:///data/in.jsonl', line: 1 } }),
  item('q2', { x: second }, { source: { uri: 'file:///data/in.jsonl', line: 2 } }),
  item('q3', { x: 3 }, { source: { uri: 'file:///data/in.jsonl', line: 3 } }),
];

test('an unexpected failure inside a stage names the last record the stage read', async () => {
  const boom = defineMap('boom', z.strictObject({}), (it: ReturnType<typeof item<{ x: unknown }>>) => {
    if (it.data.x === 'bad') throw new TypeError('kaput');
    return it;
  });
  const p = pipeline('demo', { model: 'gpt-4o-mini-2024-07-18' }).from(memorySource([{ children: records('bad') }])).pipe(boom());
  await expect(runPipeline(p, { outputRoot: tmp(), clock })).rejects.toThrow('[boom]: kaput (the last record it read: q2 (in.jsonl:2))');
});

test('a record nested too deep for JSON.stringify, from a source that does not check depth, stops the run naming it, not only the stack', async () => {
  let deep: unknown = 1;
  for (let i = 0; i < 100_000; i++) deep = [deep];
  const p = pipeline('demo', { model: 'gpt-4o-mini-2024-07-18' }).from(memorySource([{ children: records(deep) }])).pipe(split({ validation: 0.5, seed: 1 }));
  await expect(runPipeline(p, { outputRoot: tmp(), clock })).rejects.toThrow('[split]: Maximum call stack size exceeded (the last record it read: q2 (in.jsonl:2))');
});
