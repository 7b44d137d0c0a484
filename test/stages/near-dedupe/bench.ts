/**
 * Throughput on synthetic documents of ~1 KB: `npx tsx test/stages/near-dedupe/bench.ts [n] [permutations]`.
 * Feeds items through the stage the way the runner does and prints items per second.
 */
import { nearDedupe } from '../../../src/stages/near-dedupe/near-dedupe.js';
import { runStage } from '../../helpers/run-stage.js';
import { plantedCorpus } from './corpus.js';

const n = Number(process.argv[2] ?? 200_000);
const permutations = process.argv[3] === undefined ? undefined : Number(process.argv[3]);
const corpus = plantedCorpus(7, { background: Math.round(n * 0.9), pairsPerRate: Math.round(n * 0.05), rates: [0.01, 0.1], words: 195 });
const bytes = corpus.items.reduce((s, it) => s + it.data.text.length, 0);
const started = performance.now();
const { out, drops, report } = await runStage(nearDedupe({ fields: ['text'], ...(permutations === undefined ? {} : { permutations }) }), corpus.items);
const seconds = (performance.now() - started) / 1000;
const mem = process.memoryUsage();
process.stdout.write(
  `${corpus.items.length} items, ${(bytes / corpus.items.length).toFixed(0)} chars avg, ${permutations ?? 'default'} permutations: ${seconds.toFixed(1)} s, ` +
    `${Math.round(corpus.items.length / seconds)} items/s; out ${out.length}, dropped ${drops.length}; rss ${Math.round(mem.rss / 2 ** 20)} MB\n${JSON.stringify(report)}\n`,
);
