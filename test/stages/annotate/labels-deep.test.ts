import { expect, test } from 'vitest';
import { labelsFromFile } from '../../../src/stages/annotate/labels-from-file.js';
import { runStage } from '../../helpers/run-stage.js';
import { labelsFile, records } from './labels-helpers.js';

// A label nested that deep would overflow the stack when its record is spooled or written ('[split]: Maximum call stack size exceeded').
const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);

test('a JSON lines labels file nested past 100 levels stops the run naming line and column', async () => {
  const path = labelsFile('labels.jsonl', `{"id": "a", "label": "x"}\n{"id": "b", "label": ${deep(100_000)}}\n`);
  await expect(runStage(labelsFromFile({ path, key: 'id', fields: ['label'] }), records('a', 'b'))).rejects.toThrow(
    `${path}: line 2, column ${22 + 99}: nested more than 100 levels deep; a labels file holds labels, not structures that deep`,
  );
});

test('so does an element of a JSON array labels file, at its own line and column; 100 levels pass', async () => {
  const path = labelsFile('labels.json', `[\n  {"id": "a", "label": ${deep(99)}},\n  {"id": "b", "label": ${deep(100)}}\n]\n`);
  await expect(runStage(labelsFromFile({ path, key: 'id', fields: ['label'] }), records('a', 'b'))).rejects.toThrow(`${path}: line 3, column ${24 + 99}: nested more than 100 levels deep`);
  const ok = labelsFile('ok.json', `[\n  {"id": "a", "label": ${deep(99)}}\n]\n`);
  const run = await runStage(labelsFromFile({ path: ok, key: 'id', fields: ['label'] }), records('a'));
  expect(run.out).toHaveLength(1);
});
