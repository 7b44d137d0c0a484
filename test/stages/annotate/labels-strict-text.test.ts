import { expect, test } from 'vitest';
import { labelsFromFile } from '../../../src/stages/annotate/labels-from-file.js';
import { runStage } from '../../helpers/run-stage.js';
import { labelsFile, metaById, records } from './labels-helpers.js';

// A labels file read with U+FFFD in place of bad bytes would join wrong labels: it stops the run.
const failure = (path: string) =>
  runStage(labelsFromFile({ path, key: 'id', fields: ['label'] }), records('a', 'b')).then(
    () => 'no error',
    (e: Error) => e.message,
  );

test('a labels CSV with bytes that are not UTF-8 stops the run naming the line; one split across read chunks is fine', async () => {
  const bad = labelsFile('labels.csv', Buffer.concat([Buffer.from('id,label\na,ok\nb,caf'), Buffer.from([0xe9]), Buffer.from('\n')]));
  expect(await failure(bad)).toBe(`${bad}: line 3: invalid UTF-8 byte 0xe9; the file must be UTF-8 text`);
  // 70,000 bytes before 'é' put the 64 KiB read boundary inside a two-byte character.
  const padding = 'x'.repeat(65_535 - 'id,label\na,'.length);
  const good = labelsFile('good.csv', `id,label\na,${padding}\u00e9\nb,\ufffd\n`);
  const run = await runStage(labelsFromFile({ path: good, key: 'id', fields: ['label'] }), records('a', 'b'));
  expect(metaById(run.out)).toEqual({ a: { label: `${padding}\u00e9` }, b: { label: '\ufffd' } });
});

test('a labels JSONL line that is not UTF-8 stops the run naming line and column', async () => {
  const bad = labelsFile('labels.jsonl', Buffer.concat([Buffer.from('{"id": "a", "label": "x"}\n{"id": "b", "label": "'), Buffer.from([0xff]), Buffer.from('"}\n')]));
  expect(await failure(bad)).toBe(`${bad}: line 2, column 23: invalid UTF-8 byte 0xff; the file must be UTF-8 text`);
});
