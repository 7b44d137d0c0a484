import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importArLsat, importEvals } from '../../../src/stages/import/index.js';
import { requireRealData, SHARED_DATA } from '../../helpers/require-or-skip.js';
import { runStage } from '../../helpers/run-stage.js';

// The real AR-LSAT and LogiEval files, read in place: skipped where missing, a failure in CI.
const AR_LSAT = ['AR_TrainingData', 'AR_DevelopmentData', 'AR_TestData'];
const LOGIEVAL = 'logieval/ar_lsat.jsonl';
const data = requireRealData(...AR_LSAT.map((name) => `ar-lsat/${name}.json`), LOGIEVAL);
const ar = (name: string) => join(SHARED_DATA, 'ar-lsat', `${name}.json`);

describe.skipIf(!data.available)(data.title('reference data'), () => {
  it.each([
    ['AR_TrainingData', 280, 1630, 45],
    ['AR_DevelopmentData', 40, 231, 0],
    ['AR_TestData', 40, 230, 0],
  ])('%s: every question of every passage, none dropped', async (name, passages, questions, fourOptions) => {
    const r = await runStage(importArLsat({ path: ar(name) }));
    expect(r.drops).toEqual([]);
    expect([r.counters.in, r.counters.expanded, r.out.length, r.counters.balanced()]).toEqual([passages, questions - passages, questions, true]);
    expect(r.out.filter((i) => i.data.options.length === 4)).toHaveLength(fourOptions);
    expect(r.out.every((i) => i.group === i.data.passageId && i.meta['answer'] === i.data.answer)).toBe(true);
  });

  it('the three AR-LSAT files together share no question id', async () => {
    const r = await runStage(importArLsat({ path: AR_LSAT.map(ar) }));
    expect([r.out.length, r.drops.length]).toEqual([2091, 0]);
  });

  it('LogiEval: 230 eval lines', async () => {
    const r = await runStage(importEvals({ path: join(SHARED_DATA, LOGIEVAL) }));
    expect([r.out.length, r.drops.length, r.counters.balanced()]).toEqual([230, 0, true]);
    expect(r.out[0]!.data.input.map((m) => m.role)).toEqual(['system', 'user']);
  });
});
