import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { NEW_JOBS_END_DATE } from '../../src/providers/openai/model-table.js';
import { readHandoffPreview } from '../../src/train/handoff-preview.js';
import { readManifest } from '../../src/train/run-directory.js';
import { NOW, tuneset } from '../helpers/hand-off.js';

/**
 * What a run killed between writing its data and its manifest would leave (before the runner
 * committed in one step): finished-looking split files, meta, even a train-state.json, and no manifest.
 */
const unfinishedRun = (): string => {
  const dir = join(mkdtempSync(join(tmpdir(), 'tuneset-unfinished-')), 'run');
  const line = JSON.stringify({ messages: [{ role: 'user', content: 'Which house is first?' }, { role: 'assistant', content: 'A' }] });
  mkdirSync(dir);
  writeFileSync(join(dir, 'train.jsonl'), `${line}\n`.repeat(10));
  writeFileSync(join(dir, 'validation.jsonl'), `${line}\n`);
  writeFileSync(join(dir, 'meta.jsonl'), `${JSON.stringify({ id: 'q1', split: 'validation', group: 'g1' })}\n`);
  writeFileSync(join(dir, 'rejected.jsonl'), '');
  const job = { id: 'ftjob-1', status: 'running', fineTunedModel: null, attempt: 1 };
  writeFileSync(join(dir, 'train-state.json'), JSON.stringify({ runId: 'r', provider: 'openai', model: 'gpt-4o-mini-2024-07-18', files: {}, job }));
  return dir;
};

const refusal = (dir: string) => `${dir} is not a finished run: manifest.json is missing (the run was interrupted or failed)`;

test('every reader of a run directory refuses one without manifest.json, with the same plain message', async () => {
  const dir = unfinishedRun();
  const refused = { code: 1, stdout: '', stderr: `error: ${refusal(dir)}\n` };
  expect(await tuneset({}, 'train', dir)).toEqual(refused);
  expect(await tuneset({}, 'train', dir, '--dry-run')).toEqual(refused);
  expect(await tuneset({}, 'watch', dir)).toEqual(refused);
  expect(await tuneset({}, 'cancel', dir)).toEqual(refused);
  expect(await tuneset({}, 'eval', dir, '--model', 'gpt-4o-mini-2024-07-18')).toEqual(refused);
  expect(await tuneset({}, 'export', dir, '--to', 'trl')).toEqual(refused);
  expect(() => readHandoffPreview(dir, new Date(NOW), NEW_JOBS_END_DATE)).toThrow(refusal(dir));
  expect(() => readManifest(dir)).toThrow(refusal(dir));
});
