import { expect, test } from 'vitest';
import { ConfigError } from '../../../src/pipeline/errors.js';
import type { Item } from '../../../src/pipeline/item.js';
import { labelsFromFile, type LabelsFromFileInput } from '../../../src/stages/annotate/labels-from-file.js';
import { item, runStage } from '../../helpers/run-stage.js';
import { labelsFile, metaById, records } from './labels-helpers.js';

const csv = (text: string) => labelsFile('labels.csv', text);

test('two rows of one key that fill different labels and disagree on none are combined, and counted as a duplicate', async () => {
  const path = csv('id,quality,topic\na,good,\na,,ordering\n');
  const run = await runStage(labelsFromFile({ path, key: 'id', fields: ['quality', 'topic'] }), records('a'));
  expect(metaById(run.out)).toEqual({ a: { quality: 'good', topic: 'ordering' } });
  expect(run.report).toMatchObject({
    duplicates: 1,
    problems: [`${path}:3: key "a" again (first at ${path}:2); no label disagrees, so the labels of both rows are combined`],
  });
});

test('a key that already conflicts is counted once however many rows repeat it', async () => {
  const path = csv('id,label\na,x\na,y\na,z\n');
  const run = await runStage(labelsFromFile({ path, key: 'id', fields: ['label'] }), records('a', 'a'));
  expect(run.report).toMatchObject({
    conflicts: 1,
    problems: [
      `${path}:3: key "a" has label "y" here but "x" at ${path}:2; its records are dropped (label_conflict)`,
      `${path}:4: key "a" again (first at ${path}:2); its labels already disagree, its records are dropped (label_conflict)`,
    ],
  });
  // Every record with the key is dropped, each with the disagreement.
  expect(run.drops.map((d) => [d.id, d.code])).toEqual([
    ['a', 'label_conflict'],
    ['a', 'label_conflict'],
  ]);
});

test('a label that disagrees only in a column not asked for is no conflict', async () => {
  const path = csv('id,label,notes\na,x,first pass\na,x,second pass\n');
  const run = await runStage(labelsFromFile({ path, key: 'id', fields: ['label'] }), records('a'));
  expect(run.report).toMatchObject({ duplicates: 1, conflicts: 0 });
});

test("the record's key from its group, a field of its data or meta, or a function", async () => {
  const path = csv('key,label\ng1,from-group\nd1,from-data\nm1,from-meta\nF-7,from-function\n');
  const recs: Item<Record<string, unknown>>[] = [
    item('r1', {}, { group: 'g1' }),
    item('r2', { nested: { qid: 'd1' } }),
    item('r3', {}, { meta: { sourceId: 'm1' } }),
    item('r4', { n: 7 }),
  ];
  const join = async (key: LabelsFromFileInput['key'], only: Item<Record<string, unknown>>) =>
    metaById((await runStage(labelsFromFile({ path, key, fields: ['label'] }), [only])).out);
  expect(await join({ label: 'key', record: 'group' }, recs[0]!)).toEqual({ r1: { label: 'from-group' } });
  expect(await join({ label: 'key', record: 'data.nested.qid' }, recs[1]!)).toEqual({ r2: { label: 'from-data' } });
  expect(await join({ label: 'key', record: 'meta.sourceId' }, recs[2]!)).toEqual({ r3: { sourceId: 'm1', label: 'from-meta' } });
  expect(await join({ label: 'key', record: (it: Item<Record<string, unknown>>) => `F-${String(it.data['n'])}` }, recs[3]!)).toEqual({ r4: { label: 'from-function' } });
});

test('a record without a key (its key function gives nothing) is unlabeled, and dropped with key null under missing: drop', async () => {
  const path = csv('id,label\na,x\n');
  const run = await runStage(labelsFromFile({ path, key: { label: 'id', record: () => undefined }, fields: ['label'], missing: 'drop' }), records('a'));
  expect(run.drops.map((d) => [d.id, d.code, d.detail])).toEqual([['a', 'unlabeled', { key: null }]]);
  expect(run.report).toMatchObject({ unlabeled: 1, unmatched: 1 });
});

test('into: a function builds the new data from the labels', async () => {
  const path = csv('id,answer\na,C\n');
  const run = await runStage(
    labelsFromFile<{ question: string }, { question: string; gold: string }>({
      path,
      key: 'id',
      fields: ['answer'],
      into: (data, labels) => ({ ...data, gold: String(labels['answer']) }),
    }),
    [item('a', { question: 'q' })],
  );
  expect(run.out.map((o) => o.data)).toEqual([{ question: 'q', gold: 'C' }]);
});

test('bad options fail when the pipeline is loaded, naming the option', () => {
  expect(() => labelsFromFile({ path: 'l.csv', key: { label: 'id', record: 'question_id' as 'id' }, fields: ['x'] })).toThrow(ConfigError);
  expect(() => labelsFromFile({ path: 'l.csv', key: { label: 'id', record: 'question_id' as 'id' }, fields: ['x'] })).toThrow(
    /option key\.record: expected 'id', 'group', 'data\.<field>' or 'meta\.<field>'/,
  );
  expect(() => labelsFromFile({ path: 'l.csv', key: 'id', fields: { a: 'x', b: 'x' } })).toThrow(/option fields: two columns are given the same annotation name/);
  expect(() => labelsFromFile({ path: 'l.csv', key: 'id', fields: [] })).toThrow(/option fields/);
});
