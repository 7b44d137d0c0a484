import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { CountCache } from '../../../src/stages/token-check/count-cache.js';
import { tokenCheck } from '../../../src/stages/token-check/token-check.js';
import type { TrainingExample } from '../../../src/stages/format/chat-example.js';
import { tokenizerVersion } from '../../../src/tokenizers/tokenizer-version.js';
import { item, runStage } from '../../helpers/run-stage.js';

const example = (q: string): TrainingExample => ({
  messages: [
    { role: 'system', content: 'You answer questions about Pelican Queue.' },
    { role: 'user', content: q },
    { role: 'assistant', content: `The answer to "${q}" is in the guide, under Consumers.` },
  ],
});
const records = ['How do I retry?', 'What is a lease?', 'Can a consumer pause?'].map((q, i) => item(`q${i}`, example(q)));
const tokensOf = (run: Awaited<ReturnType<typeof runStage>>) => run.out.map((o) => [o.id, o.meta['tokens'], o.meta['assistantTokens']]);
const cacheDir = () => mkdtempSync(join(tmpdir(), 'tuneset-count-cache-'));

for (const pipeline of [{ model: 'gpt-4o-mini' }, { provider: 'local', model: 'Qwen/Qwen3-0.6B' }]) {
  test(`a re-run takes the counts from the cache, the same as counted fresh (${pipeline.model})`, async () => {
    const dir = cacheDir();
    const first = await runStage(tokenCheck(), records, { pipeline, cacheDir: dir });
    const fresh = await runStage(tokenCheck(), records, { pipeline, cacheDir: cacheDir() });
    const again = await runStage(tokenCheck(), records, { pipeline, cacheDir: dir });
    expect(tokensOf(again)).toEqual(tokensOf(fresh));
    expect(tokensOf(first)).toEqual(tokensOf(fresh));
    const files = readdirSync(join(dir, 'token-counts'));
    expect(files).toHaveLength(1);
    // One line per example, written by the first run only.
    expect(readFileSync(join(dir, 'token-counts', files[0]!), 'utf8').trim().split('\n')).toHaveLength(3);
  });
}

test('a kept count is what the stage uses (proof that it is reused), and only for the same example bytes', async () => {
  const dir = cacheDir();
  const version = tokenizerVersion('o200k_base');
  const key = CountCache.key(records[0]!.data);
  const file = join(dir, 'token-counts', `o200k_base-${version}.jsonl`);
  await runStage(tokenCheck(), records, { pipeline: { model: 'gpt-4o-mini' }, cacheDir: dir });
  const lines = readFileSync(file, 'utf8').split('\n').map((l) => (l.includes(key) ? JSON.stringify({ k: key, t: 7777, a: 77 }) : l));
  writeFileSync(file, lines.join('\n'));
  const edited = { ...records[1]!, data: example('What is a lease? ') };
  const run = await runStage(tokenCheck(), [records[0]!, edited], { pipeline: { model: 'gpt-4o-mini' }, cacheDir: dir });
  expect(run.out[0]!.meta['tokens']).toBe(7777);
  // One space more is another example: counted, not taken from q1's count, and appended.
  const fresh = await runStage(tokenCheck(), [edited, records[1]!], { pipeline: { model: 'gpt-4o-mini' }, cacheDir: cacheDir() });
  expect(run.out[1]!.meta['tokens']).toBe(fresh.out[0]!.meta['tokens']);
  expect(fresh.out[0]!.meta['tokens']).not.toBe(fresh.out[1]!.meta['tokens']);
  expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(4);
});

// Keys as CountCache.key writes them: 32 lowercase hex digits.
const K1 = 'a1'.repeat(16);
const K2 = 'b2'.repeat(16);
const K3 = 'c3'.repeat(16);
const K4 = 'd4'.repeat(16);

test('another tokenizer version does not see the counts, and deletes the old file', () => {
  const dir = cacheDir();
  const old = new CountCache(dir, 'o200k_base', 'aaaaaaaaaaaaaaaa');
  old.put(K1, { total: 10, assistant: 3 });
  old.close();
  expect(new CountCache(dir, 'o200k_base', 'aaaaaaaaaaaaaaaa').get(K1)).toEqual({ total: 10, assistant: 3 });
  const other = new CountCache(dir, 'cl100k_base', 'cccccccccccccccc');
  other.put(K1, { total: 11, assistant: 4 });
  other.close();
  const next = new CountCache(dir, 'o200k_base', 'bbbbbbbbbbbbbbbb');
  expect(next.get(K1)).toBeUndefined();
  next.close();
  // The other tokenizer's file stays; o200k_base's old version is gone.
  expect(readdirSync(dir).sort()).toEqual(['cl100k_base-cccccccccccccccc.jsonl']);
  expect(tokenizerVersion('o200k_base')).not.toBe(tokenizerVersion('cl100k_base'));
});

test('a last line cut short by a kill is skipped and cut off; past the bound the oldest counts go', () => {
  const dir = cacheDir();
  const path = join(dir, 'o200k_base-aaaaaaaaaaaaaaaa.jsonl');
  writeFileSync(path, `{"k":"${K1}","t":1,"a":1}\n{"k":"${K2}","t":2,"a":2}\n{"k":"${K3}","t":3,"a":3}\n{"k":"${K4}","t":4,`);
  const cache = new CountCache(dir, 'o200k_base', 'aaaaaaaaaaaaaaaa', 2);
  expect([cache.get(K1), cache.get(K2), cache.get(K3), cache.get(K4)]).toEqual([undefined, { total: 2, assistant: 2 }, { total: 3, assistant: 3 }, undefined]);
  cache.put(K4, { total: 4, assistant: 4 });
  cache.close();
  expect(readFileSync(path, 'utf8')).toBe(`{"k":"${K2}","t":2,"a":2}\n{"k":"${K3}","t":3,"a":3}\n{"k":"${K4}","t":4,"a":4}\n`);
});

test('a count made in this run is appended, not kept in memory: the next run reads it', () => {
  const dir = cacheDir();
  const path = join(dir, 'o200k_base-aaaaaaaaaaaaaaaa.jsonl');
  writeFileSync(path, `{"k":"${K1}","t":1,"a":1}\n`);
  const cache = new CountCache(dir, 'o200k_base', 'aaaaaaaaaaaaaaaa');
  cache.put(K2, { total: 2, assistant: 2 });
  // A count the file held is not appended again; one made in this run is, each time it is made.
  cache.put(K1, { total: 1, assistant: 1 });
  expect(cache.get(K2)).toBeUndefined();
  cache.put(K2, { total: 2, assistant: 2 });
  cache.close();
  expect([cache.hits, cache.misses]).toEqual([0, 1]);
  expect(readFileSync(path, 'utf8')).toBe(`{"k":"${K1}","t":1,"a":1}\n{"k":"${K2}","t":2,"a":2}\n{"k":"${K2}","t":2,"a":2}\n`);
  const next = new CountCache(dir, 'o200k_base', 'aaaaaaaaaaaaaaaa');
  expect([next.get(K1), next.get(K2), next.get(K3)]).toEqual([{ total: 1, assistant: 1 }, { total: 2, assistant: 2 }, undefined]);
  expect([next.hits, next.misses]).toEqual([2, 1]);
});

test('a key read twice keeps its last counts; many keys are all found', () => {
  const dir = cacheDir();
  const keys = Array.from({ length: 5000 }, (_, i) => CountCache.key({ messages: [{ role: 'user', content: `q${i}` }] }));
  const lines = keys.map((k, i) => JSON.stringify({ k, t: 100_000 + i, a: i }));
  lines.push(JSON.stringify({ k: keys[7], t: 4_000_000_000, a: 5 }));
  writeFileSync(join(dir, 'o200k_base-aaaaaaaaaaaaaaaa.jsonl'), `${lines.join('\n')}\n`);
  const cache = new CountCache(dir, 'o200k_base', 'aaaaaaaaaaaaaaaa');
  expect(keys.map((k) => cache.get(k)?.total).filter((t, i) => t !== 100_000 + i)).toEqual([4_000_000_000]);
  expect([cache.get(keys[7]!), cache.get(keys[4999]!)]).toEqual([{ total: 4_000_000_000, assistant: 5 }, { total: 104_999, assistant: 4999 }]);
  expect(cache.get(CountCache.key({ messages: [{ role: 'user', content: 'q5000' }] }))).toBeUndefined();
  // Every digit of the key counts: a key one digit away from a kept one, at either end, is not found.
  expect([cache.get(`${keys[0]!.slice(0, 31)}${keys[0]!.endsWith('0') ? '1' : '0'}`), cache.get(`${keys[0]!.startsWith('f') ? 'e' : 'f'}${keys[0]!.slice(1)}`)]).toEqual([undefined, undefined]);
});

test('a line that is not a count (key not 32 hex digits, count not a whole number) is an error naming the file and line', () => {
  for (const bad of [`{"k":"k1","t":1,"a":1}`, `{"k":"${K1.toUpperCase()}","t":1,"a":1}`, `{"k":"${K1}","t":1.5,"a":1}`, `{"k":"${K1}","t":-1,"a":1}`, `{"k":"${K1}","t":1,"a":4294967296}`]) {
    const dir = cacheDir();
    const path = join(dir, 'o200k_base-aaaaaaaaaaaaaaaa.jsonl');
    writeFileSync(path, `{"k":"${K2}","t":2,"a":2}\n${bad}\n`);
    expect(() => new CountCache(dir, 'o200k_base', 'aaaaaaaaaaaaaaaa').get(K2), bad).toThrow(`${path}: line 2 is not a token count, so the file is damaged or was edited. Delete it; the examples are then counted again.`);
  }
});
