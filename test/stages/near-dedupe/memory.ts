/**
 * Memory the stage keeps per record, alone, with records streamed in (none held by the driver):
 * `npx tsx --expose-gc test/stages/near-dedupe/memory.ts [sizes] [src dir]`, e.g. `20000,100000`.
 * Prints heap + external bytes after a full GC when the first survivor comes out (every record
 * ingested, clusters and survivors chosen) and half-way through the output, and the marginal bytes
 * per record between the sizes. `src dir` runs another checkout's stage (to measure before a change).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fixedClock } from '../../../src/pipeline/clock.js';
import { GroupUnion } from '../../../src/pipeline/group-union.js';
import type { Item } from '../../../src/pipeline/item.js';
import { silentLogger } from '../../../src/pipeline/logger.js';
import type { Stage, StageContext } from '../../../src/pipeline/stage.js';
import { inlinePool } from '../../../src/pipeline/workers/inline-pool.js';
import { document, edit, prng, vocabulary } from './corpus.js';

const sizes = (process.argv[2] ?? '20000,100000').split(',').map(Number);
const src = resolve(process.argv[3] ?? 'src');
const { nearDedupe } = (await import(join(src, 'stages/near-dedupe/near-dedupe.ts'))) as { nearDedupe: (o: object) => Stage<object, object> };
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');

const used = () => {
  // Twice: buffers freed by the first pass's finalisers are only reclaimed by the next.
  gc();
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
};

/** n records of ~170 words; every tenth is an edited copy of the one before (a near-duplicate). */
async function* records(n: number): AsyncGenerator<Item<{ text: string }>> {
  const rand = prng(1);
  const vocab = vocabulary(rand);
  let last: string[] = [];
  for (let i = 0; i < n; i++) {
    const words = i % 10 === 9 ? edit(rand, vocab, last, 0.02) : document(vocab, 170);
    last = words;
    yield { id: `doc-${i}`, group: `g-${i}`, source: { uri: 'gen://memory', line: i + 1 }, data: { text: words.join(' ') }, meta: {} };
  }
}

const measure = async (n: number) => {
  const dir = mkdtempSync(join(tmpdir(), 'near-memory-'));
  let dropped = 0;
  const ctx = {
    stage: 'near-dedupe', log: silentLogger, signal: new AbortController().signal, clock: fixedClock('2026-11-23T12:00:00Z'),
    groups: new GroupUnion(), pipeline: { name: 'memory', model: 'gpt-4o-mini-2024-07-18', train: { epochs: 3 } }, params: {},
    runDir: dir, tmpDir: dir, cacheDir: dir, inputs: undefined, workers: inlinePool(), keyMemoryBytes: 128 << 20,
    drop: () => void dropped++, error: () => undefined, countIn: () => {}, countExpanded: () => {}, report: () => {}, recordInput: () => {},
  } as unknown as StageContext;
  const before = used();
  const started = performance.now();
  let out = 0;
  let first = 0;
  let middle = 0;
  for await (const _ of nearDedupe({ fields: ['text'] }).run(records(n), ctx)) {
    out++;
    if (out === 1) first = used() - before;
    if (out === Math.floor(n * 0.45)) middle = used() - before;
  }
  const seconds = (performance.now() - started) / 1000;
  rmSync(dir, { recursive: true, force: true });
  return { n, out, dropped, first, middle, seconds };
};

// A small run first, so compiled code and module state are not counted as the first size's.
await measure(5000);
const results = [];
for (const n of sizes) {
  const r = await measure(n);
  results.push(r);
  process.stdout.write(`${n} records (${r.out} out, ${r.dropped} dropped): ${(r.first / 2 ** 20).toFixed(1)} MiB held at the first survivor, ${(r.middle / 2 ** 20).toFixed(1)} MiB half-way, ${r.seconds.toFixed(1)} s with the GCs\n`);
}
for (let i = 1; i < results.length; i++) {
  const [a, b] = [results[i - 1]!, results[i]!];
  const per = (x: number, y: number) => ((y - x) / (b.n - a.n)).toFixed(1);
  process.stdout.write(`${a.n} -> ${b.n}: ${per(a.first, b.first)} bytes/record at the first survivor, ${per(a.middle, b.middle)} half-way\n`);
}
