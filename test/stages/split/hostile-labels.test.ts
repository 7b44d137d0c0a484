import { expect, test } from 'vitest';
import { split } from '../../../src/stages/split/split.js';
import { item, runStage } from '../../helpers/run-stage.js';

test('stratify labels named like Object.prototype members are counted as labels, and nothing reaches a prototype', async () => {
  const labels = ['__proto__', 'constructor', 'toString', 'A'];
  const items = Array.from({ length: 40 }, (_, i) => item(`q${i}`, { text: `question ${i}` }, { meta: { answer: labels[i % 4]! } }));
  const { out, report } = await runStage(split({ validation: 0.25, stratify: 'answer', seed: 1 }), items);
  expect(out).toHaveLength(40);
  const byLabel = (report as { labels: Record<string, Record<string, number>> }).labels;
  expect(Object.keys(byLabel)).toEqual(['A', '__proto__', 'constructor', 'toString']);
  for (const l of labels) expect(Object.values(byLabel[l]!).reduce((a, b) => a + b, 0)).toBe(10);
  expect(({} as Record<string, unknown>)['train']).toBeUndefined();
  expect((Object as unknown as Record<string, unknown>)['train']).toBeUndefined();
});
