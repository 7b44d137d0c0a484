/** Prints the accuracy table for the report: `npx tsx test/stages/near-dedupe/table.ts [seed] [permutations]`. */
import { nearDedupe } from '../../../src/stages/near-dedupe/near-dedupe.js';
import { runStage } from '../../helpers/run-stage.js';
import { plantedCorpus } from './corpus.js';
import { measure } from './measure.js';
import { RATES } from './rates.js';

const seed = Number(process.argv[2] ?? 42);
const corpus = plantedCorpus(seed, { background: 2000, pairsPerRate: 150, rates: RATES });
const permutations = process.argv[3] === undefined ? undefined : Number(process.argv[3]);
const { drops, report } = await runStage(nearDedupe({ fields: ['text'], ...(permutations === undefined ? {} : { permutations }) }), corpus.items);
const m = measure(corpus, drops, 0.8);
process.stdout.write(`seed ${seed}, ${corpus.items.length} items, ${corpus.pairs.length} planted pairs, report ${JSON.stringify(report)}\n`);
process.stdout.write('| exact Jaccard | pairs | merged share |\n|---|---|---|\n');
for (const b of m.buckets) if (b.pairs > 0) process.stdout.write(`| [${b.from}, ${b.to === 1.01 ? '1]' : `${b.to})`} | ${b.pairs} | ${(b.merged / b.pairs).toFixed(3)} |\n`);
process.stdout.write(`recall (J >= 0.8): ${m.recall.toFixed(4)}; merged (J < 0.7): ${m.lowMerged.toFixed(4)}; unrelated pairs merged: ${m.unrelatedMerged} of ${m.unrelatedPairs}\n`);
