import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { beforeAll, expect, test } from 'vitest';
import { generateCorpus } from '../../../bench/generate-corpus.js';
import arLsat from '../../../pipelines/ar-lsat.js';
import { fixedClock } from '../../../src/pipeline/clock.js';
import type { Item } from '../../../src/pipeline/item.js';
import { pipeline, type Pipeline } from '../../../src/pipeline/pipeline.js';
import { runPipeline } from '../../../src/pipeline/runner.js';
import { defineFilter, defineMap, defineSource } from '../../../src/pipeline/stage.js';
import type { ChatExample } from '../../../src/stages/format/chat-example.js';
import { tokenCheck } from '../../../src/stages/token-check/index.js';

const clock = fixedClock('2026-11-23T12:00:00Z');
const FILES = ['train.jsonl', 'validation.jsonl', 'test.jsonl', 'meta.jsonl', 'rejected.jsonl'];

/** Runs `p` with `workers` threads into a fresh directory, with a cache of its own (a shared one would answer the second run). */
const runWith = async <P>(p: Pipeline<P>, workers: number, inputs?: string[], params?: Record<string, string>) => {
  const dir = mkdtempSync(join(tmpdir(), `tuneset-workers-${workers}-`));
  const outDir = join(dir, 'run');
  const cacheDir = join(dir, 'cache');
  const { manifest } = await runPipeline(p, { outDir, cacheDir, clock, workers, ...(inputs ? { inputs } : {}), ...(params ? { params } : {}) });
  return { outDir, cacheDir, manifest };
};

const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');

/** The manifest without what only measures time (each stage's `ms`). */
const untimed = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(untimed);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).filter(([k]) => k !== 'ms').map(([k, v]) => [k, untimed(v)]));
};

let corpus: string;

beforeAll(() => {
  corpus = join(mkdtempSync(join(tmpdir(), 'tuneset-workers-corpus-')), 'ar-lsat.json');
  generateCorpus(corpus, 3000, 11);
});

test('ar-lsat on 3,000 generated records: --workers 1 and 2 write the same files, counts and token-count cache', async () => {
  // A test share too, so every split file is compared.
  const one = await runWith(arLsat, 1, [corpus], { test: '0.1' });
  const two = await runWith(arLsat, 2, [corpus], { test: '0.1' });
  expect(readdirSync(two.outDir).sort()).toEqual(readdirSync(one.outDir).sort());
  for (const file of FILES) expect(read(two.outDir, file), file).toBe(read(one.outDir, file));
  expect(untimed(two.manifest)).toEqual(untimed(one.manifest));
  // What the run did: thousands of examples, and the generator's duplicates dropped.
  expect(read(one.outDir, 'train.jsonl').split('\n').length).toBeGreaterThan(2000);
  expect(read(one.outDir, 'rejected.jsonl')).toContain('"code":"duplicate"');
  const counts = (cache: string) => readdirSync(join(cache, 'token-counts')).map((f) => read(join(cache, 'token-counts'), f));
  expect(counts(two.cacheDir)).toEqual(counts(one.cacheDir));
}, 300_000);

// 300 chat records; the filter drops every third, token-check every fifth of the others (its answer is long).
const records = defineSource(
  'numbered',
  z.strictObject({}),
  async function* (_inputs, _options, ctx) {
    for (let i = 0; i < 300; i++) {
      ctx.countIn();
      const data: ChatExample = { messages: [{ role: 'user', content: `Question ${i}?` }, { role: 'assistant', content: i % 5 === 0 ? 'long '.repeat(40) : `Answer ${i}.` }] };
      yield { id: `r${i}`, source: { uri: 'memory://numbered', line: i + 1 }, data, meta: {} } satisfies Item<ChatExample>;
    }
  },
  () => [],
);
const everyThird = defineFilter('every-third', z.strictObject({}), (it: Item<ChatExample>) => (Number(it.id.slice(1)) % 3 === 0 ? { code: 'third' } : true));
const toTrain = defineMap('assign', z.strictObject({}), (it: Item<ChatExample>) => ({ ...it, meta: { ...it.meta, split: 'train' } }));

test("rejected.jsonl keeps the one-record-at-a-time order while token-check reads ahead: the filter's and token-check's drops interleave by record", async () => {
  const p = pipeline('interleaved', { model: 'gpt-4o-mini' }).from(records()).pipe(everyThird()).pipe(tokenCheck({ maxTokens: 30 })).pipe(toTrain()).train({ epochs: 1 });
  const expected: string[] = [];
  for (let i = 0; i < 300; i++) {
    if (i % 3 === 0) expected.push(`r${i} every-third third`);
    else if (i % 5 === 0) expected.push(`r${i} token-check over_token_limit`);
  }
  for (const workers of [1, 2]) {
    const { outDir } = await runWith(p, workers);
    const lines = read(outDir, 'rejected.jsonl').trim().split('\n').map((l) => JSON.parse(l) as { id: string; stage: string; code: string });
    expect(lines.map((l) => `${l.id} ${l.stage} ${l.code}`), `--workers ${workers}`).toEqual(expected);
  }
}, 120_000);
