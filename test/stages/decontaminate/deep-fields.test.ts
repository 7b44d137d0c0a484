import { expect, test } from 'vitest';
import { decontaminate } from '../../../src/stages/decontaminate/index.js';
import { item, runStage } from '../../helpers/run-stage.js';
import { fixture, question } from './games.js';

test('a field nested 100,000 arrays deep is read for its texts (the eval question is found in it), not a stack overflow', async () => {
  const q1 = question('bakery-1');
  let options: unknown = q1.options;
  for (let i = 0; i < 100_000; i++) options = [options];
  const stage = decontaminate<Record<string, unknown>>({ against: [fixture('eval.jsonl')], fields: ['question', 'options'], context: ['passage'] });
  const { out, drops } = await runStage(stage, [item('deep copy', { ...q1, options }), item('other', { ...question('bakery-2'), options: [[['x']]], question: 'Unrelated words entirely.' })]);
  expect(drops.map((d) => [d.id, d.code, (d.detail as { evalId: string }).evalId])).toEqual([['deep copy', 'contaminated', 'eval.jsonl:1']]);
  expect(out.map((o) => o.id)).toEqual(['other']);
});
