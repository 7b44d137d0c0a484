import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { FakeOpenAI } from '../../../src/providers/fake/index.js';
import { TunesetError, UsageError } from '../../../src/pipeline/errors.js';
import { PROVIDERS } from '../../../src/providers/registry.js';
import { resolveEvalModels, type ModelChoice } from '../../../src/train/eval/eval-models.js';
import { readTrainState, type TrainState } from '../../../src/train/train-state.js';
import { countRequests, fakeFor, freshRun, openaiEnv, tuneset } from '../../helpers/hand-off.js';

const BASE = 'gpt-4o-mini-2024-07-18';
let fake: FakeOpenAI;
let env: NodeJS.ProcessEnv;
/** A run trained and watched to success: train-state.json has its job and checkpoints. */
let trained: string;
let finalModel: string;
/** What watch printed: `checkpoint step N: model`, in its order. */
let printed: { step: number; model: string }[];

beforeAll(async () => {
  trained = await freshRun();
  fake = await fakeFor(trained);
  env = openaiEnv(fake);
  expect((await tuneset(env, 'train', trained)).code).toBe(0);
  fake.clock.advance(600);
  const watch = await tuneset(env, 'watch', trained, '--interval', '0');
  finalModel = /Fine-tuned model: (\S+)/.exec(watch.stdout)![1]!;
  printed = [...watch.stdout.matchAll(/ {2}checkpoint step (\d+): (\S+)\n/g)].map((m) => ({ step: Number(m[1]), model: m[2]! }));
}, 60_000);
afterAll(() => fake.close());

/** A copy of the trained run, to change its train-state.json without touching the others'. */
const copyOfTrained = (): string => {
  const dir = join(mkdtempSync(join(tmpdir(), 'tuneset-eval-models-')), 'run');
  cpSync(trained, dir, { recursive: true });
  return dir;
};
const choice = (c: Partial<ModelChoice>): ModelChoice => ({ models: [], checkpoints: false, provider: PROVIDERS.openai, ...c });
const checkpointRequests = () => countRequests(fake, 'GET', `/v1/fine_tuning/jobs/${readTrainState(trained)!.job!.id}/checkpoints`);
const rejection = async (promise: Promise<unknown>) => promise.then(() => new Error('resolved'), (error: unknown) => error as Error);

test('watch records the checkpoints it lists into train-state.json, oldest first; the last is the final model', () => {
  const steps = printed.map((c) => c.step);
  expect(steps.length).toBeGreaterThanOrEqual(2);
  expect(readTrainState(trained)!.checkpoints).toEqual([...printed].sort((a, b) => a.step - b.step));
  expect(readTrainState(trained)!.checkpoints!.at(-1)!.model).toBe(finalModel);
});

test('models in table order: each --model (checkpoint:<step> as that checkpoint), the baseline last; deployments for the first --model and the baseline', async () => {
  const [first, second] = readTrainState(trained)!.checkpoints!;
  const asked = checkpointRequests();
  const models = await resolveEvalModels(trained, choice({ models: [`checkpoint:${first!.step}`, finalModel], baseline: BASE, deployment: 'ckpt-deploy', baselineDeployment: 'base-deploy' }), env);
  expect(models).toEqual([
    { model: first!.model, requestedAs: 'ckpt-deploy', role: 'checkpoint', step: first!.step },
    { model: finalModel, requestedAs: finalModel, role: 'model' },
    { model: BASE, requestedAs: 'base-deploy', role: 'baseline' },
  ]);
  expect(await resolveEvalModels(trained, choice({ models: [finalModel, `checkpoint:${second!.step}`] }), env)).toEqual([
    { model: finalModel, requestedAs: finalModel, role: 'model' },
    { model: second!.model, requestedAs: second!.model, role: 'checkpoint', step: second!.step },
  ]);
  // Recorded checkpoints are read from train-state.json: nobody is asked.
  expect(checkpointRequests()).toBe(asked);
});

test('--checkpoints adds every checkpoint oldest first, after the --models and before the baseline, skipping one already listed', async () => {
  const recorded = readTrainState(trained)!.checkpoints!;
  const all = await resolveEvalModels(trained, choice({ models: [finalModel], checkpoints: true, baseline: BASE }), env);
  expect(all).toEqual([
    { model: finalModel, requestedAs: finalModel, role: 'model' },
    ...recorded.slice(0, -1).map((c) => ({ model: c.model, requestedAs: c.model, role: 'checkpoint', step: c.step })),
    { model: BASE, requestedAs: BASE, role: 'baseline' },
  ]);
  // Alone, the final model comes in as its checkpoint; the baseline is not evaluated twice.
  expect(await resolveEvalModels(trained, choice({ checkpoints: true, baseline: finalModel }), env)).toEqual([
    ...recorded.slice(0, -1).map((c) => ({ model: c.model, requestedAs: c.model, role: 'checkpoint', step: c.step })),
    { model: finalModel, requestedAs: finalModel, role: 'baseline' },
  ]);
});

test('a run watched before checkpoints were recorded asks the provider once and records them', async () => {
  const dir = copyOfTrained();
  const { checkpoints, ...before } = readTrainState(dir)!;
  writeFileSync(join(dir, 'train-state.json'), JSON.stringify(before));
  const asked = checkpointRequests();
  const models = await resolveEvalModels(dir, choice({ checkpoints: true }), env);
  expect(checkpointRequests()).toBe(asked + 1);
  expect(models).toEqual(checkpoints!.map((c) => ({ model: c.model, requestedAs: c.model, role: 'checkpoint', step: c.step })));
  expect(readTrainState(dir)).toEqual({ ...before, checkpoints });
  expect(await resolveEvalModels(dir, choice({ checkpoints: true }), env)).toEqual(models);
  expect(checkpointRequests()).toBe(asked + 1);
});

test('checkpoints asked for before watch saw the job succeed are used but not recorded (the list may still grow)', async () => {
  const dir = copyOfTrained();
  const { checkpoints, ...state } = readTrainState(dir)!;
  const running: TrainState = { ...state, job: { ...state.job!, status: 'running', fineTunedModel: null } };
  writeFileSync(join(dir, 'train-state.json'), JSON.stringify(running));
  const asked = checkpointRequests();
  const [last] = await resolveEvalModels(dir, choice({ models: [`checkpoint:${checkpoints!.at(-1)!.step}`] }), env);
  expect(last!.model).toBe(finalModel);
  expect(checkpointRequests()).toBe(asked + 1);
  expect(readTrainState(dir)).toEqual(running);
});

test('a checkpoint the job does not have names the steps it has', async () => {
  const steps = readTrainState(trained)!.checkpoints!.map((c) => c.step);
  const error = await rejection(resolveEvalModels(trained, choice({ models: ['checkpoint:7'] }), env));
  expect(error).toBeInstanceOf(TunesetError);
  expect(error.message).toBe(`--model checkpoint:7: the job of ${trained} has no checkpoint at step 7; it has them at steps ${steps.join(', ')}`);
  const word = await rejection(resolveEvalModels(trained, choice({ models: ['checkpoint:last'] }), env));
  expect(word).toBeInstanceOf(UsageError);
  expect(word.message).toBe('--model checkpoint:last: a checkpoint is named by its training step, e.g. checkpoint:30');
});

test('a job with one checkpoint or none says so', async () => {
  const dir = copyOfTrained();
  const state = readTrainState(dir)!;
  const withCheckpoints = (checkpoints: { step: number; model: string }[]) => writeFileSync(join(dir, 'train-state.json'), JSON.stringify({ ...state, checkpoints }));
  withCheckpoints([{ step: 41, model: 'ft:x:ckpt-step-41' }]);
  expect((await rejection(resolveEvalModels(dir, choice({ models: ['checkpoint:7'] }), env))).message).toBe(`--model checkpoint:7: the job of ${dir} has no checkpoint at step 7; it has one at step 41`);
  withCheckpoints([]);
  expect((await rejection(resolveEvalModels(dir, choice({ models: ['checkpoint:7'] }), env))).message).toBe(`--model checkpoint:7: the job of ${dir} has no checkpoints`);
  expect((await rejection(resolveEvalModels(dir, choice({ checkpoints: true }), env))).message).toBe(`--checkpoints: the job of ${dir} has no checkpoints`);
});

test('a model given twice is a usage error naming both', async () => {
  const recorded = readTrainState(trained)!.checkpoints!;
  const cases: [Partial<ModelChoice>, string][] = [
    [{ models: [finalModel, finalModel] }, `${finalModel} is given twice (--model ${finalModel} and --model ${finalModel}); give each model once`],
    [{ models: [`checkpoint:${recorded.at(-1)!.step}`, finalModel] }, `${finalModel} is given twice (--model checkpoint:${recorded.at(-1)!.step} and --model ${finalModel}); give each model once`],
    [{ models: [BASE], baseline: BASE }, `${BASE} is given twice (--model ${BASE} and --baseline ${BASE}); give each model once`],
  ];
  for (const [c, message] of cases) {
    const error = await rejection(resolveEvalModels(trained, choice(c), env));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toBe(message);
  }
});

test('checkpoints of a run never trained: run train and watch first; models by name need no job', async () => {
  const dir = await freshRun();
  const message = `${dir}: the run has no fine-tuning job, so no checkpoints; run \`tuneset train ${dir}\` and \`tuneset watch ${dir}\` first`;
  expect((await rejection(resolveEvalModels(dir, choice({ checkpoints: true }), env))).message).toBe(message);
  expect((await rejection(resolveEvalModels(dir, choice({ models: ['checkpoint:10'] }), env))).message).toBe(message);
  expect(await resolveEvalModels(dir, choice({ models: [BASE] }), env)).toEqual([{ model: BASE, requestedAs: BASE, role: 'model' }]);
}, 60_000);

test('a new job for the run drops the old job\'s checkpoints from train-state.json', async () => {
  const dir = copyOfTrained();
  const oldJob = readTrainState(dir)!.job!.id;
  expect((await tuneset(env, 'train', dir, '--new-job')).code).toBe(0);
  const state = readTrainState(dir)!;
  expect(state.job!.id).not.toBe(oldJob);
  expect(state.checkpoints).toBeUndefined();
  expect(JSON.parse(readFileSync(join(dir, 'train-state.json'), 'utf8'))).not.toHaveProperty('checkpoints');
}, 60_000);
