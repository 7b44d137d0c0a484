import { expect, test } from 'vitest';
import { labelsFromFile } from '../../../src/stages/annotate/labels-from-file.js';
import { runStage } from '../../helpers/run-stage.js';
import { fixture, labelsFile, metaById, records } from './labels-helpers.js';

test('an Argilla v2 records export (to_json) is joined by record id: submitted responses only, disagreeing users a conflict', async () => {
  const path = fixture('argilla-v2.json');
  const run = await runStage(labelsFromFile({ path, key: 'id', fields: ['label', 'quality'] }), records('q1', 'q2', 'q3', 'q4'));
  expect(run.report).toMatchObject({ format: 'argilla', rows: 4, keys: 3, matched: 2, conflicts: 1, emptyRows: 1 });
  // u-ben's discarded response to q2 is not a label.
  expect(metaById(run.out)).toEqual({ q1: { label: 'ordering', quality: 4 }, q2: { label: 'grouping' }, q4: {} });
  // to_json writes one line: the record's index and id say which one.
  const at = `${path}:1 (record [2], id q3)`;
  expect(run.drops.map((d) => [d.id, d.code, d.detail])).toEqual([
    ['q3', 'label_conflict', { key: 'q3', field: 'label', values: [{ value: 'grouping', at, by: 'user u-ana' }, { value: 'hybrid', at, by: 'user u-ben' }] }],
  ]);
  expect(run.report).toMatchObject({
    problems: [`${at}: annotators disagree on "label" for key "q3": "grouping" (user u-ana), "hybrid" (user u-ben); its records are dropped (label_conflict)`],
  });
});

test("a suggestion (a model's pre-annotation) is taken only when asked for as <question>.suggestion; metadata is a column too", async () => {
  const run = await runStage(
    labelsFromFile({ path: fixture('argilla-v2.json'), key: 'id', fields: { 'label.suggestion': 'suggestedLabel', source: 'source' } }),
    records('q1', 'q4'),
  );
  expect(metaById(run.out)).toEqual({ q1: { suggestedLabel: 'ordering', source: 'ar-lsat' }, q4: { suggestedLabel: 'hybrid', source: 'ar-lsat' } });
});

test('the flattened v2 export (to_datasets, the Hub) is read as JSON lines: draft responses do not count', async () => {
  const path = fixture('argilla-v2-flat.jsonl');
  const run = await runStage(labelsFromFile({ path, key: 'id', fields: ['label', 'label.suggestion'] }), records('q1', 'q2'));
  expect(run.report).toMatchObject({ format: 'argilla', rows: 2, matched: 2, conflicts: 0, problems: [] });
  expect(metaById(run.out)).toEqual({ q1: { label: 'ordering', 'label.suggestion': 'ordering' }, q2: { label: 'grouping' } });
});

test('a v1 FeedbackDataset export is read: external_id as the id, metadata from its JSON string, responses per user', async () => {
  const path = fixture('argilla-v1.jsonl');
  const run = await runStage(labelsFromFile({ path, key: 'id', fields: ['label', 'source', 'label.suggestion'] }), records('q1', 'q2'));
  expect(metaById(run.out)).toEqual({ q1: { label: 'ordering', source: 'ar-lsat', 'label.suggestion': 'ordering' } });
  expect(run.drops.map((d) => [d.id, d.code])).toEqual([['q2', 'label_conflict']]);
  expect(run.report).toMatchObject({
    problems: [`${path}:2: annotators disagree on "label" for key "q2": "grouping" (user u-ana), "ordering" (user u-ben); its records are dropped (label_conflict)`],
  });
});

test('a v1 FeedbackRecord written as a dict (responses as a list with values per question) is read', async () => {
  const record = {
    fields: { question: 'Which order is possible?' },
    external_id: 'q1',
    responses: [
      { user_id: 'u-ana', values: { label: { value: 'ordering' } }, status: 'submitted' },
      { user_id: 'u-ben', values: { label: { value: 'grouping' } }, status: 'discarded' },
    ],
    suggestions: [{ question_name: 'label', value: 'hybrid', agent: 'gpt-4o-mini' }],
  };
  const path = labelsFile('records.json', JSON.stringify([record]));
  const run = await runStage(labelsFromFile({ path, key: 'id', fields: ['label', 'label.suggestion'] }), records('q1'));
  expect(metaById(run.out)).toEqual({ q1: { label: 'ordering', 'label.suggestion': 'hybrid' } });
});

test('a key from the fields of the records, matched with a field of the data', async () => {
  const run = await runStage(
    labelsFromFile({ path: fixture('argilla-v2.json'), key: { label: 'question', record: 'data.question' }, fields: ['label'] }),
    records('x').map((r) => ({ ...r, data: { question: 'Which order is possible?' } })),
  );
  expect(metaById(run.out)).toEqual({ x: { label: 'ordering' } });
});
