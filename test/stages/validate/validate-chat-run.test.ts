import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { fixedClock } from '../../../src/pipeline/clock.js';
import { pipeline } from '../../../src/pipeline/pipeline.js';
import { runPipeline } from '../../../src/pipeline/runner.js';
import { validateChat } from '../../../src/stages/validate/validate-chat.js';
import { memorySource } from '../../helpers/memory-source.js';
import { item } from '../../helpers/run-stage.js';

const fixture = (name: string) => new URL(`../../../fixtures/chat/${name}`, import.meta.url).pathname;

test('in a run, invalid examples become rejected lines and the file report lands in the manifest', async () => {
  const lines = readFileSync(fixture('invalid-weight.jsonl'), 'utf8').trim().split('\n');
  const records = lines.map((l, i) => ({ children: [item(`q${i + 1}`, JSON.parse(l) as unknown, { source: { uri: 'invalid-weight.jsonl', line: i + 1 } })] }));
  const p = pipeline('validate-demo', { model: 'gpt-4o-mini-2024-07-18' }).from(memorySource(records)).pipe(validateChat<unknown>());
  const { runDir, manifest } = await runPipeline(p, { outputRoot: mkdtempSync(join(tmpdir(), 'tuneset-validate-run-')), clock: fixedClock('2026-11-23T10:00:00Z') });

  expect(manifest.stages.find((s) => s.name === 'validate-chat')).toMatchObject({ in: 11, out: 10, dropped: { invalid_weight: 1 }, errored: 0 });
  const rejected = readFileSync(join(runDir, 'rejected.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  expect(rejected).toMatchObject([{ stage: 'validate-chat', code: 'invalid_weight', id: 'q8', source: { uri: 'invalid-weight.jsonl', line: 8 } }]);
  // 10 examples survive: exactly OpenAI's minimum, so the written train file passes.
  expect(manifest.reports['validate-chat']).toEqual({
    train: { ok: true, examples: 10, errors: 0, countsByCategory: {}, format: 'chat', firstErrors: [] },
    format: 'chat',
    ok: true,
  });
});
