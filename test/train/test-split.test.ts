import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import arLsat from '../../pipelines/ar-lsat.js';
import docsQa from '../../pipelines/docs-qa.js';
import type { FakeOpenAI } from '../../src/providers/fake/index.js';
import { fixedClock } from '../../src/pipeline/clock.js';
import { resolveStages } from '../../src/pipeline/pipeline.js';
import { parseParams, runPipeline } from '../../src/pipeline/runner.js';
import { fakeFor, NOW, openaiEnv, tuneset } from '../helpers/hand-off.js';

let fake: FakeOpenAI | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

/** The AR-LSAT fixtures built with a test share, as `tuneset run pipelines/ar-lsat.ts --param test=0.2` would. */
const runWithTestSplit = async () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'tuneset-test-split-')), 'run');
  const { manifest } = await runPipeline(arLsat, { outDir: dir, clock: fixedClock(NOW), params: { test: '0.2' } });
  return { dir, manifest };
};

const lines = (path: string) => readFileSync(path, 'utf8').trim().split('\n');
/** The user message of each chat line: what identifies an example in an uploaded or exported file. */
const prompts = (jsonl: string) =>
  jsonl
    .trim()
    .split('\n')
    .map((l) => (JSON.parse(l) as { messages: { role: string; content: string }[] }).messages.find((m) => m.role === 'user')!.content);

test('the shipped pipelines wire their test param into the split stage, 0 by default', () => {
  const shareOf = (p: typeof arLsat | typeof docsQa, raw: Record<string, string>) =>
    (resolveStages(p as never, parseParams(p as never, raw) as never).stages.find((s) => s.name === 'split')!.options as { test: number }).test;
  expect([shareOf(arLsat, {}), shareOf(arLsat, { test: '0.1' })]).toEqual([0, 0.1]);
  expect([shareOf(docsQa, {}), shareOf(docsQa, { test: '0.25' })]).toEqual([0, 0.25]);
});

test('ar-lsat with --param test writes test.jsonl; train uploads only train and validation; eval --split test scores it', async () => {
  const { dir, manifest } = await runWithTestSplit();
  const testLines = lines(join(dir, 'test.jsonl'));
  expect(manifest.files['test.jsonl']?.lines).toBe(testLines.length);
  expect(testLines.length).toBeGreaterThan(0);
  expect(manifest.leakage).toMatchObject({ ok: true });
  const testIds = lines(join(dir, 'meta.jsonl'))
    .map((l) => JSON.parse(l) as { id: string; split: string })
    .filter((m) => m.split === 'test')
    .map((m) => m.id);
  expect(testIds).toHaveLength(testLines.length);

  fake = await fakeFor(dir);
  const env = openaiEnv(fake);
  const train = await tuneset(env, 'train', dir);
  expect(train.code).toBe(0);
  expect(JSON.parse(readFileSync(join(dir, 'train-state.json'), 'utf8')).files).toEqual({ train: expect.anything(), validation: expect.anything() });
  const uploads = [...fake.state.files.values()].filter((f) => f.purpose === 'fine-tune');
  expect(uploads.map((f) => f.content.toString('utf8')).sort()).toEqual([readFileSync(join(dir, 'train.jsonl'), 'utf8'), readFileSync(join(dir, 'validation.jsonl'), 'utf8')].sort());
  const uploaded = new Set(uploads.flatMap((f) => prompts(f.content.toString('utf8'))));
  expect(prompts(readFileSync(join(dir, 'test.jsonl'), 'utf8')).filter((p) => uploaded.has(p))).toEqual([]);

  fake.clock.advance(600);
  const model = /Fine-tuned model: (\S+)/.exec((await tuneset(env, 'watch', dir, '--interval', '0')).stdout)![1]!;
  const evaluation = await tuneset(env, 'eval', dir, '--model', model, '--split', 'test');
  expect(evaluation.stderr).toBe('');
  expect(evaluation.code).toBe(0);
  const record = JSON.parse(readFileSync(join(dir, 'eval.json'), 'utf8')) as { split: string; suites: { name: string; examples: number }[]; scores: { n: number }[]; predictions: string };
  expect([record.split, record.suites.map((s) => [s.name, s.examples]), record.scores[0]!.n]).toEqual(['test', [['test', testLines.length]], testLines.length]);
  expect(lines(join(dir, record.predictions)).map((l) => (JSON.parse(l) as { id: string }).id)).toEqual(testIds);
}, 60_000);

test('eval --split test on a run without one says how to build it', async () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'tuneset-test-split-')), 'run');
  await runPipeline(arLsat, { outDir: dir, clock: fixedClock(NOW) });
  const r = await tuneset({ OPENAI_API_KEY: 'sk-test-unused-000000' }, 'eval', dir, '--model', 'gpt-4o-mini', '--split', 'test');
  expect(r).toMatchObject({
    code: 1,
    stderr: `error: ${join(dir, 'test.jsonl')}: not found; the run has no test split (a pipeline writes one when given a test share, e.g. \`tuneset run pipelines/ar-lsat.ts --param test=0.1\`)\n`,
  });
});

test('exports carry the test split as held-out data, never as training data', async () => {
  const { dir } = await runWithTestSplit();
  const testPrompts = prompts(readFileSync(join(dir, 'test.jsonl'), 'utf8'));
  const out = (target: string) => join(dir, '..', `export-${target}`);
  for (const target of ['trl', 'axolotl', 'llama-factory']) expect((await tuneset({}, 'export', dir, '--to', target, '--out', out(target))).code).toBe(0);

  // TRL loads data/ by file name: train is trained on, validation evaluated each epoch, test left alone.
  const trl = readFileSync(join(out('trl'), 'sft_config.yaml'), 'utf8');
  expect(trl).toMatch(/^dataset_train_split: train$/m);
  expect(trl).toMatch(/^dataset_test_split: validation$/m);
  expect(lines(join(out('trl'), 'data', 'test.jsonl'))).toHaveLength(testPrompts.length);

  // axolotl trains on `datasets` and evaluates on `test_datasets`: neither names test.jsonl.
  const axolotl = readFileSync(join(out('axolotl'), 'axolotl.yaml'), 'utf8');
  expect([...axolotl.matchAll(/^\s+(?:- )?path: (\S+)$/gm)].map((m) => m[1])).toEqual(['data/train.jsonl', 'data/validation.jsonl']);

  // LLaMA-Factory describes all three files but trains on the train dataset and evaluates on validation only.
  const llamaFactory = readFileSync(join(out('llama-factory'), 'train_lora.yaml'), 'utf8');
  expect(llamaFactory).toMatch(/^dataset: ar-lsat_train$/m);
  expect(llamaFactory).toMatch(/^eval_dataset: ar-lsat_validation$/m);
  expect(llamaFactory).not.toContain('ar-lsat_test');

  // Whatever the layout, the training file of each export holds no test example.
  for (const target of ['trl', 'axolotl']) {
    const trained = readFileSync(join(out(target), 'data', 'train.jsonl'), 'utf8');
    expect(testPrompts.filter((p) => trained.includes(JSON.stringify(p).slice(1, -1)))).toEqual([]);
  }
}, 60_000);
