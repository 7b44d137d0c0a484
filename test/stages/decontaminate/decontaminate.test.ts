import { expect, test } from 'vitest';
import { ConfigError, SourceError } from '../../../src/pipeline/errors.js';
import { buildEvalIndex, decontaminate } from '../../../src/stages/decontaminate/index.js';
import type { ArLsatQuestion } from '../../../src/stages/import/index.js';
import { item, runStage } from '../../helpers/run-stage.js';
import { fixture, question, reorder, rewrap } from './games.js';

const AR_LSAT = { fields: ['question', 'options'], context: ['passage'] };

const run = (items: [string, ArLsatQuestion][], against = [fixture('eval.jsonl')], extra = {}) =>
  runStage(decontaminate<ArLsatQuestion>({ against, ...AR_LSAT, ...extra }), items.map(([id, data]) => item(id, data)));

const q1 = question('bakery-1');
const q2 = question('bakery-2');
const q3 = question('bakery-3');

// Every one of these is an eval question in disguise.
const copies: [string, ArLsatQuestion, string][] = [
  ['exact', q1, 'eval.jsonl:1'],
  ['reordered', reorder(q2, [4, 2, 0, 3, 1]), 'eval.jsonl:2'],
  ['relabelled', { ...reorder(q3, [4, 3, 2, 1, 0]), options: ['(A) sixth', '(B) fifth', '(C) fourth', '(D) third', '(E) second'] }, 'eval.jsonl:3'],
  [
    'restyled',
    {
      ...q2,
      passage: q2.passage.toUpperCase().replace(/\u2014/g, ' - ').replace(/,/g, '').replace(/\. /g, ';  '),
      question: `  ${q2.question.replace('If', 'if').replace(',', ' ,')}  `,
      options: q2.options.map((o) => o.replace(/\.$/, '').toLowerCase()),
    },
    'eval.jsonl:2',
  ],
  ['rewrapped', { ...reorder(q1, [1, 0, 2, 3, 4]), passage: rewrap(q1.passage, 38) }, 'eval.jsonl:1'],
  // The question and options alone, under a passage written anew: still the eval question.
  ['new passage', { ...q1, passage: 'A bakery plans its morning: seven pastries, one oven, seven slots.' }, 'eval.jsonl:1'],
  // A short question with one-word options: matched whole, not by n-grams.
  ['short', { ...q3, options: ['Sixth', 'Second', 'Third', 'Fifth', 'Fourth'], answer: 'B' }, 'eval.jsonl:3'],
  ['committee', reorder(question('committee-1'), [4, 3, 2, 1, 0]), 'committee-1'],
];

// Close to the eval set, but none of them is an eval question.
const otherBakery =
  'A cafe bakes six breads\u2014a rye, a spelt, a barley, an oat, a corn, and a wheat loaf\u2014one at a time in six slots. ' +
  'The rye is baked before the oat. Exactly two pastries are baked between the fig tart and the lemon bar, as at the bakery next door. ' +
  'The corn loaf is baked third or fourth.';
const nearMisses: [string, ArLsatQuestion][] = [
  // Same formulaic stem as an eval question, other game and options.
  ['same stem', { passageId: 'x', passage: otherBakery, question: 'Which one of the following could be the order in which the breads are baked, from first to last?', options: ['rye, spelt, corn, oat, barley, wheat', 'spelt, rye, barley, corn, oat, wheat', 'oat, rye, corn, spelt, wheat, barley', 'rye, oat, barley, corn, wheat, spelt', 'wheat, rye, corn, oat, spelt, barley'], answer: 'A' }],
  // Same one-word options as bakery-3, another question about another game.
  ['same options', { passageId: 'x', passage: otherBakery, question: 'The spelt loaf CANNOT be baked', options: ['second', 'third', 'fourth', 'fifth', 'sixth'], answer: 'C' }],
  // The same generic question as committee-1 with its own options.
  ['generic question', { passageId: 'x', passage: otherBakery, question: 'Which one of the following could be true?', options: ['The rye is baked sixth.', 'The oat is baked first.', 'The corn loaf is baked fifth.', 'The wheat is baked third.', 'The barley is baked first.'], answer: 'D' }],
  // The bakery passage with a question the eval set does not ask: the passage alone names no eval item.
  ['passage only', { ...q1, question: 'How many pastries can be baked between the ginger loaf and the jam puff, at most?', options: ['one', 'two', 'three', 'four', 'five'].map((o) => `${o} pastries`), answer: 'E' }],
];

test('catches every reformatted copy and names the eval item', async () => {
  const { out, drops, counters } = await run(copies.map(([id, data]) => [id, data]));
  expect(out).toEqual([]);
  expect(drops.map((d) => [d.id, d.code, (d.detail as { evalId: string }).evalId])).toEqual(copies.map(([id, , evalId]) => [id, 'contaminated', evalId]));
  for (const d of drops) expect((d.detail as { overlap: number }).overlap).toBeGreaterThanOrEqual(0.8);
  expect(counters.balanced()).toBe(true);
});

test('keeps near misses: a shared stem, options, a shared sentence or a passage alone', async () => {
  const { out, drops } = await run(nearMisses);
  expect(drops).toEqual([]);
  expect(out.map((o) => o.id)).toEqual(nearMisses.map(([id]) => id));
});

test('detail and report', async () => {
  const { drops, report } = await run([['exact', q1]]);
  expect(drops[0]!.detail).toEqual({ evalId: 'eval.jsonl:1', overlap: 1, contextOverlap: 1 });
  expect(report).toMatchObject({ evalItems: 4, contaminated: 1, against: [{ uri: fixture('eval.jsonl'), bytes: expect.any(Number) }] });
});

test('reads AR-LSAT JSON and chat JSONL eval files too', async () => {
  const ar = await run([['reordered', reorder(q2, [1, 0, 2, 3, 4])]], [fixture('eval-ar-lsat.json')]);
  expect(ar.drops[0]!.detail).toMatchObject({ evalId: 'bakery-2', overlap: 1 });
  const chat = await run([['reordered', reorder(q2, [1, 0, 2, 3, 4])], ['other', q1]], [fixture('eval-chat.jsonl')]);
  expect(chat.drops.map((d) => [d.id, (d.detail as { evalId: string }).evalId])).toEqual([['reordered', 'eval-chat.jsonl:1']]);
});

test('a training item that is itself a chat prompt is compared field by field', async () => {
  const user = `Passage:\n${q2.passage}\n\nQuestion:\n${q2.question}\n\nOptions:\n${reorder(q2, [2, 1, 0, 4, 3]).options.map((o, k) => `${'ABCDE'[k]}) ${o}`).join('\n')}`;
  const { drops } = await runStage(decontaminate({ against: fixture('eval.jsonl'), fields: ['messages'] }), [
    item('chat', { messages: [{ role: 'user', content: user }, { role: 'assistant', content: 'C' }] }),
  ]);
  expect(drops[0]!.detail).toMatchObject({ evalId: 'eval.jsonl:2' });
});

test('the index is built once, hashed, and usable on its own', async () => {
  const index = await buildEvalIndex([fixture('eval.jsonl'), fixture('eval-ar-lsat.json')], { n: 13 });
  expect(index.ids).toEqual(['eval.jsonl:1', 'eval.jsonl:2', 'eval.jsonl:3', 'committee-1', 'bakery-1', 'bakery-2', 'bakery-3', 'committee-1']);
  expect(index.features).toBeGreaterThan(100);
  expect(index.inputs.map((i) => i.uri)).toEqual([fixture('eval.jsonl'), fixture('eval-ar-lsat.json')]);
});

test('an eval line in neither format stops the run; bad options fail before any I/O', async () => {
  await expect(run([['exact', q1]], [fixture('eval-bad-line.jsonl')])).rejects.toThrow(SourceError);
  await expect(run([['exact', q1]], [fixture('eval-bad-line.jsonl')])).rejects.toThrow(/line 2/);
  expect(() => decontaminate({ against: [], fields: ['question'] })).toThrow(ConfigError);
  expect(() => decontaminate({ against: 'x.jsonl', fields: ['passage'], context: ['passage'] })).toThrow(/context/);
});
