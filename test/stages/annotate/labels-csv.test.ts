import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { expect, test } from 'vitest';
import { ConfigError, SourceError } from '../../../src/pipeline/errors.js';
import { labelsFromFile } from '../../../src/stages/annotate/labels-from-file.js';
import { runStage } from '../../helpers/run-stage.js';
import { fixture, labelsFile, metaById, records, warnings } from './labels-helpers.js';

const LABELS = fixture('labels.csv');

test('a spreadsheet export (BOM, CRLF, quoted commas and line breaks) is joined, and each problem is reported by line', async () => {
  const log = warnings();
  const run = await runStage(labelsFromFile({ path: LABELS, key: 'question_id', fields: ['quality', 'topic'] }), records('q1', 'q2', 'q3', 'q4', 'q5'), { log });

  expect(metaById(run.out)).toEqual({
    q1: { quality: 'good', topic: 'ordering, linear' },
    q2: { quality: 'bad', topic: 'grouping' },
    q4: {},
    q5: {},
  });
  expect(run.drops).toEqual([
    {
      id: 'q3',
      code: 'label_conflict',
      detail: { key: 'q3', field: 'quality', values: [{ value: 'good', at: `${LABELS}:5` }, { value: 'bad', at: `${LABELS}:8` }] },
      source: { uri: 'test://fixture', line: 1 },
    },
  ]);
  const problems = [
    `${LABELS}:6: key "q2" again, with the same labels as ${LABELS}:3; counted once`,
    `${LABELS}:8: key "q3" has quality "bad" here but "good" at ${LABELS}:5; its records are dropped (label_conflict)`,
  ];
  expect(run.report).toEqual({
    file: LABELS,
    format: 'csv',
    rows: 7,
    keys: 4,
    matched: 2,
    unlabeled: 2,
    unmatched: 1,
    duplicates: 1,
    conflicts: 1,
    noKey: 0,
    emptyRows: 1,
    skippedRows: 0,
    problems,
    unlistedProblems: 0,
    unmatchedKeys: [{ key: 'q9', at: `${LABELS}:9` }],
  });
  expect(log.lines).toEqual([
    ...problems,
    `${LABELS}:9: key "q9" matches no record`,
    `2 records have no label in ${LABELS}; kept without one (missing: 'keep')`,
  ]);
  expect({ in: run.counters.in, out: run.counters.out, dropped: run.counters.dropped }).toEqual({ in: 5, out: 4, dropped: 1 });
  // The labels file is an input of the run: its hash goes to the manifest.
  const bytes = readFileSync(LABELS);
  expect(run.inputs).toEqual([{ uri: LABELS, sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length }]);
});

test("missing: 'drop' drops the records without a label as unlabeled, with their key", async () => {
  const run = await runStage(labelsFromFile({ path: LABELS, key: 'question_id', fields: ['quality'], missing: 'drop' }), records('q1', 'q4', 'q5'));
  expect(run.out.map((o) => o.id)).toEqual(['q1']);
  expect(run.drops.map((d) => [d.id, d.code, d.detail])).toEqual([
    ['q4', 'unlabeled', { key: 'q4' }],
    ['q5', 'unlabeled', { key: 'q5' }],
  ]);
});

test('fields as a map rename the columns, and into: data merges the labels into the record', async () => {
  const run = await runStage(
    labelsFromFile({ path: LABELS, key: 'question_id', fields: { quality: 'humanQuality' }, into: 'data' }),
    records('q1'),
  );
  expect(run.out.map((o) => [o.data, o.meta])).toEqual([[{ question: 'question q1', humanQuality: 'good' }, {}]]);
});

test('a column the file does not have is a configuration error naming the file and its columns, before any record is pulled', async () => {
  let pulled = false;
  // runStage iterates this only when the stage pulls its first record.
  const input = {
    *[Symbol.iterator]() {
      pulled = true;
      yield* records('q1');
    },
  } as unknown as ReturnType<typeof records>;
  const error = await runStage(labelsFromFile({ path: LABELS, key: 'question_id', fields: ['quality', 'qualty'] }), input).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ConfigError);
  expect((error as Error).message).toBe(
    `stage "labels-from-file": option fields: ${LABELS} has no column "qualty"; its header has "question_id", "quality", "topic", "notes"`,
  );
  expect(pulled).toBe(false);
});

test('a key column the file does not have is named too', async () => {
  await expect(runStage(labelsFromFile({ path: LABELS, key: 'id', fields: ['quality'] }), records('q1'))).rejects.toThrow(
    `stage "labels-from-file": option key: ${LABELS} has no column "id"; its header has "question_id", "quality", "topic", "notes"`,
  );
});

test('a row with an empty key, and a row with the wrong number of cells, are reported by line and skipped', async () => {
  const path = labelsFile('labels.csv', 'id,label\na,x\n,y\nb,z,extra\n\nc,w\n');
  const run = await runStage(labelsFromFile({ path, key: 'id', fields: ['label'] }), records('a', 'b', 'c'));
  expect(metaById(run.out)).toEqual({ a: { label: 'x' }, b: {}, c: { label: 'w' } });
  expect(run.report).toMatchObject({
    rows: 4,
    noKey: 1,
    skippedRows: 1,
    problems: [`${path}:3: no "id" value, so the row cannot be matched; row skipped`, `${path}:4: 3 cells where the header has 2; row skipped`],
  });
});

test('a .tsv file is read with tabs, and delimiter sets any other separator', async () => {
  const tsv = labelsFile('labels.tsv', 'id\tlabel\na\tx, y\n');
  expect(metaById((await runStage(labelsFromFile({ path: tsv, key: 'id', fields: ['label'] }), records('a'))).out)).toEqual({ a: { label: 'x, y' } });
  const semi = labelsFile('labels.csv', 'id;label\na;x, y\n');
  expect(metaById((await runStage(labelsFromFile({ path: semi, key: 'id', fields: ['label'], delimiter: ';' }), records('a'))).out)).toEqual({ a: { label: 'x, y' } });
});

test('a gzipped labels file is read as what its name says without .gz', async () => {
  const path = labelsFile('labels.csv.gz', gzipSync('id,label\na,"x, y"\n'));
  const run = await runStage(labelsFromFile({ path, key: 'id', fields: ['label'] }), records('a'));
  expect(run.report).toMatchObject({ format: 'csv' });
  expect(metaById(run.out)).toEqual({ a: { label: 'x, y' } });
});

test('cells and header names are trimmed, as spreadsheets leave spaces around them', async () => {
  const path = labelsFile('labels.csv', 'id , label\n a ,  x \n');
  expect(metaById((await runStage(labelsFromFile({ path, key: 'id', fields: ['label'] }), records('a'))).out)).toEqual({ a: { label: 'x' } });
});

test('a broken quote stops the run with the line where the row starts', async () => {
  const path = labelsFile('labels.csv', 'id,label\na,x\nb,"open\nc,y\n');
  const error = await runStage(labelsFromFile({ path, key: 'id', fields: ['label'] }), records('a')).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(SourceError);
  expect((error as Error).message).toMatch(new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: line 3: CSV syntax error: `));
});

test('an empty labels file is an error, not a silent join of nothing', async () => {
  const path = labelsFile('labels.csv', '');
  await expect(runStage(labelsFromFile({ path, key: 'id', fields: ['label'] }), records('a'))).rejects.toThrow(`${path}: the labels file is empty: no header and no rows`);
});

test('listLimit caps the problems listed and logged; the counts stay complete', async () => {
  const path = labelsFile('labels.csv', 'id,label\na,x\na,x\na,x\na,x\nz,1\ny,2\n');
  const log = warnings();
  const run = await runStage(labelsFromFile({ path, key: 'id', fields: ['label'], listLimit: 1 }), records('a'), { log });
  expect(run.report).toMatchObject({
    duplicates: 3,
    unmatched: 2,
    problems: [`${path}:3: key "a" again, with the same labels as ${path}:2; counted once`],
    unlistedProblems: 2,
    unmatchedKeys: [{ key: 'z', at: `${path}:6` }],
  });
  expect(log.lines).toEqual([`${path}:3: key "a" again, with the same labels as ${path}:2; counted once`, `${path}:6: key "z" matches no record`]);
});
