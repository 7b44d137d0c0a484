import { expect, test } from 'vitest';
import { SourceError } from '../../../src/pipeline/errors.js';
import { labelsFromFile } from '../../../src/stages/annotate/labels-from-file.js';
import { regionValue } from '../../../src/stages/annotate/labels-label-studio.js';
import { runStage } from '../../helpers/run-stage.js';
import { fixture, labelsFile, metaById, records, warnings } from './labels-helpers.js';

const TASKS = fixture('label-studio.json');
const FIELDS = ['sentiment', 'rating', 'comment', 'difficulty'];

test("a Label Studio JSON export is told by its content and joined by a data field; annotators' answers, not predictions", async () => {
  const log = warnings();
  const run = await runStage(labelsFromFile({ path: TASKS, key: 'question_id', fields: FIELDS }), records('q1', 'q2', 'q3', 'q4', 'q5', 'q6'), { log });

  expect(metaById(run.out)).toEqual({
    // The prediction (Negative) is a model's: ignored.
    q1: { sentiment: 'Positive', rating: 4, comment: 'Clear question' },
    // Two annotators agree; the third cancelled the annotation, so its Positive does not count.
    q2: { sentiment: 'Negative' },
    q4: {},
    // Several choices stay a list; a number control gives its number.
    q5: { sentiment: ['Positive', 'Neutral'], difficulty: 3 },
    q6: {},
  });
  const at = `${TASKS}:153 (task [2], id 103)`;
  expect(run.drops.map((d) => [d.id, d.code, d.detail])).toEqual([
    [
      'q3',
      'label_conflict',
      {
        key: 'q3',
        field: 'sentiment',
        values: [
          { value: 'Positive', at, by: 'annotation 1004, user 7' },
          { value: 'Negative', at, by: 'annotation 1005, user b@example.com' },
        ],
      },
    ],
  ]);
  const problem = `${at}: annotators disagree on "sentiment" for key "q3": "Positive" (annotation 1004, user 7), "Negative" (annotation 1005, user b@example.com); its records are dropped (label_conflict)`;
  expect(run.report).toMatchObject({ format: 'label-studio', rows: 5, keys: 4, matched: 3, unlabeled: 2, conflicts: 1, emptyRows: 1, unmatched: 0, problems: [problem] });
  expect(log.lines[0]).toBe(problem);
});

test("a key the tasks' data lacks is a configuration error listing the columns the tasks have", async () => {
  await expect(runStage(labelsFromFile({ path: TASKS, key: 'id', fields: ['sentiment'] }), records('q1'))).rejects.toThrow(
    `stage "labels-from-file": option key: ${TASKS} has no column "id"; none of its 5 rows has it; the columns it has: "comment", "difficulty", "question_id", "rating", "sentiment", "text"`,
  );
});

test('a task whose key is missing is reported with its index and id', async () => {
  const path = labelsFile('export.json', JSON.stringify([{ id: 7, data: { text: 'no key here' }, annotations: [] }, { id: 8, data: { question_id: 'q1' }, annotations: [{ id: 3, result: [{ from_name: 'sentiment', type: 'choices', value: { choices: ['Positive'] } }] }] }], null, 1));
  const run = await runStage(labelsFromFile({ path, key: 'question_id', fields: ['sentiment'], format: 'label-studio' }), records('q1'));
  expect(run.report).toMatchObject({ noKey: 1, matched: 1, problems: [`${path}:2 (task [0], id 7): no "question_id" value, so the row cannot be matched; row skipped`] });
});

test('exports from before Label Studio 1.0 (completions instead of annotations) are read too', async () => {
  const path = labelsFile('old.json', JSON.stringify([{ id: 1, data: { question_id: 'q1' }, completions: [{ id: 5, result: [{ from_name: 'label', type: 'choices', value: { choices: ['yes'] } }] }] }]));
  const run = await runStage(labelsFromFile({ path, key: 'question_id', fields: ['label'] }), records('q1'));
  expect(metaById(run.out)).toEqual({ q1: { label: 'yes' } });
});

test('a task without a data object stops the run, naming the line and task', async () => {
  const path = labelsFile('broken.json', '[\n{"id": 1, "data": {"question_id": "q1"}},\n{"id": 2, "annotations": []}\n]');
  const error = await runStage(labelsFromFile({ path, key: 'question_id', fields: ['label'] }), records('q1')).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(SourceError);
  expect((error as Error).message).toBe(`${path}: line 3: task [1] has no "data" object, as a Label Studio JSON export has`);
});

test('a region gives the answer under its control type, one picked item as itself', () => {
  expect(regionValue({ type: 'choices', value: { choices: ['A'] } })).toBe('A');
  expect(regionValue({ type: 'choices', value: { choices: ['A', 'B'] } })).toEqual(['A', 'B']);
  expect(regionValue({ type: 'textarea', value: { text: ['one', 'two'] } })).toEqual(['one', 'two']);
  expect(regionValue({ type: 'rating', value: { rating: 5 } })).toBe(5);
  expect(regionValue({ type: 'labels', value: { start: 0, end: 4, text: 'Rosa', labels: ['PERSON'] } })).toBe('PERSON');
  expect(regionValue({ type: 'taxonomy', value: { taxonomy: [['Logic', 'Ordering']] } })).toEqual([['Logic', 'Ordering']]);
  // No type: the first known answer key.
  expect(regionValue({ value: { number: 2 } })).toBe(2);
  expect(regionValue({ type: 'rectanglelabels', value: { x: 1 } })).toBeUndefined();
});
