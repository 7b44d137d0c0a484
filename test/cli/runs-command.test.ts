import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { main } from '../../src/cli/cli.js';
import { captureIo } from '../helpers/capture-io.js';
import { plantedRuns, tempRoot } from '../runs/planted-runs.js';
import { BASE, FT, v2Record } from '../train/eval/v2-fixture.js';

const runs = async (...argv: string[]) => {
  const c = captureIo();
  const code = await main(['runs', ...argv], c.io);
  return { code, stdout: c.stdout(), stderr: c.stderr() };
};

test('lists runs oldest first: date, counts per split, tokens, cost, short hash, job and model, eval score (an old eval.json: letter accuracy)', async () => {
  const { root, a, b } = await plantedRuns();
  writeFileSync(join(b, 'train-state.json'), JSON.stringify({ runId: 'x', provider: 'openai', model: 'm', files: {}, job: { id: 'ftjob-1', status: 'succeeded', fineTunedModel: 'ft:m:org::abc', attempt: 1 } }));
  writeFileSync(join(b, 'eval.json'), JSON.stringify({ evaluatedAt: '2026-11-24T09:00:00.000Z', results: [{ model: 'm', accuracy: 0.25 }, { model: 'ft:m:org::abc', accuracy: 0.75 }] }));
  const { code, stdout, stderr } = await runs('planted', '--output', root);
  expect([code, stderr]).toEqual([0, '']);
  const [first, second] = JSON.parse((await runs('planted', '--output', root, '--json')).stdout);
  expect(first.dataset.hash).toHaveLength(64);
  expect(second.training).toEqual({ provider: 'openai', jobId: 'ftjob-1', status: 'succeeded', fineTunedModel: 'ft:m:org::abc' });
  expect(stdout).toBe(
    [
      `planted: 2 finished runs in ${join(root, 'planted')}`,
      '',
      'run                        started               train  validation  tokens     cost  hash          job                                 eval',
      `20261123T100000Z-d33de7fd  2026-11-23 10:00:00Z      4           2     120  $0.0007  ${first.dataset.hash.slice(0, 12)}  -                                   -`,
      `20261123T110000Z-d33de7fd  2026-11-23 11:00:00Z      3           3     127  $0.0006  ${second.dataset.hash.slice(0, 12)}  ftjob-1 succeeded -> ft:m:org::abc  m letter 25.0%, ft:m:org::abc letter 75.0%`,
      '',
      `What changed in the last run: tuneset diff ${a} ${b}`,
      '',
    ].join('\n'),
  );
});

test("a version 2 eval.json shows each model's score on the held-out split by its first scorer, named; --json has it whole", async () => {
  const { root, b } = await plantedRuns();
  writeFileSync(join(b, 'eval.json'), JSON.stringify(v2Record()));
  const { code, stdout } = await runs('planted', '--output', root);
  expect(code).toBe(0);
  expect(stdout.split('\n')[4]!.endsWith(`  -    ${FT} rouge 0.412, ${BASE} rouge 0.200`)).toBe(true);
  const [, second] = JSON.parse((await runs('planted', '--output', root, '--json')).stdout);
  expect(second.eval).toEqual({ evaluatedAt: '2026-11-24T09:00:00.000Z', suite: 'validation', scorer: 'rouge', unit: 'f1', scores: { [FT]: 0.4123, [BASE]: 0.2 } });
});

test('a pipeline file is named by loading it; a pipeline never run under --output is an error (exit 1)', async () => {
  const root = tempRoot();
  expect(await runs('pipelines/docs-qa.ts', '--output', root)).toEqual({ code: 1, stdout: '', stderr: `error: ${join(root, 'docs-qa')} does not exist: no run of docs-qa was made there\n` });
  mkdirSync(join(root, 'docs-qa', 'cache'), { recursive: true });
  expect(await runs('docs-qa', '--output', root)).toEqual({ code: 0, stdout: `docs-qa: no finished run in ${join(root, 'docs-qa')}\n`, stderr: '' });
  expect((await runs('docs-qa', '--output', root, '--json')).stdout).toBe('[]\n');
});

test('usage errors exit 2: no pipeline, two of them, a name that is neither file nor pipeline name, an unknown option; --help exits 0', async () => {
  const help = await runs('--help');
  expect([help.code, help.stdout.split('\n')[0]]).toEqual([0, 'Usage: tuneset runs <pipeline.ts|pipeline-name> [--output DIR] [--json]']);
  const unknown = await runs('x', '--since', 'y');
  expect([unknown.code, unknown.stderr.startsWith("error: tuneset runs: Unknown option '--since'")]).toEqual([2, true]);
  expect((await runs()).code).toBe(2);
  expect((await runs('a', 'b')).code).toBe(2);
  expect(await runs('Not A Name')).toEqual({ code: 2, stdout: '', stderr: 'error: "Not A Name" is neither a pipeline file nor a pipeline name (lower-case letters, digits and -)\n' });
});
