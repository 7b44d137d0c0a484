import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { azureProvider } from '../../../src/providers/azure/index.js';
import { startFakeOpenAI, type FakeOpenAI } from '../../../src/providers/fake/index.js';
import { nebiusProvider } from '../../../src/providers/nebius/index.js';
import { NEBIUS_TABLE } from '../../../src/providers/nebius/model-table.js';
import { tagToken } from '../../../src/providers/nebius/suffix-tag.js';
import { redactSecrets } from '../../../src/providers/openai/redact.js';
import { collectResults } from '../../../src/train/collect-results.js';
import { startTraining } from '../../../src/train/start-training.js';
import type { RunDirectory } from '../../../src/train/run-directory.js';
import { allText, expectEveryEndpointFaulted, faultEveryEndpointOnce, noSleep, NOW, preflightFor, SECRET, writeRun } from './run-fixture.js';

const MODEL = 'meta-llama/Meta-Llama-3.1-8B-Instruct';
const JOB_SECONDS = 180;

let fake: FakeOpenAI | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const startNebiusFake = async () => (fake = await startFakeOpenAI({ now: NOW, routes: nebiusProvider.fake.routes, apiKey: SECRET }));
const envFor = (f: FakeOpenAI) => ({ NEBIUS_API_KEY: SECRET, NEBIUS_BASE_URL: f.baseURL });
const posts = (f: FakeOpenAI, path: string) => f.requests.filter((r) => r.method === 'POST' && r.path === path).length;
const train = (run: RunDirectory, f: FakeOpenAI) => startTraining(run, preflightFor(NEBIUS_TABLE, MODEL), nebiusProvider.trainerFromEnv(envFor(f)).trainer, { sleep: noSleep });

describe('Nebius adapter against the Nebius fake', () => {
  it('trains to success: Nebius body (no metadata, tag in the suffix), checkpoints, metrics, events; the fine-tuned model is the last checkpoint', async () => {
    const f = await startNebiusFake();
    const run = writeRun({ model: MODEL, provider: 'nebius', train: { epochs: 2 } });
    const started = await train(run, f);
    expect(started.job.status).toBe('validating_files');
    expect(posts(f, '/v1/files')).toBe(2);
    expect(posts(f, '/v1/fine_tuning/jobs')).toBe(1);

    const body = f.requests.find((r) => r.method === 'POST' && r.path === '/v1/fine_tuning/jobs')!.body as Record<string, unknown>;
    const token = tagToken({ runId: run.manifest.runId, manifestSha256: run.manifestSha256, attempt: 1 });
    expect(body).toEqual({
      model: MODEL,
      training_file: started.state.files['train']!.fileId,
      validation_file: started.state.files['validation']!.fileId,
      hyperparameters: { n_epochs: 2, context_length: 8192 },
      suffix: `ar-lsat-${token}`,
    });

    const { trainer } = nebiusProvider.trainerFromEnv(envFor(f));
    f.clock.advance(JOB_SECONDS);
    const done = await trainer.retrieveJob(started.job.id);
    expect(done.status).toBe('succeeded');
    expect(done.metadata).toEqual({ suffix: `ar-lsat-${token}` });
    const checkpoints = await trainer.listCheckpoints(done.id);
    // Nebius' default batch of 8 over 12 examples: 2 steps an epoch, a checkpoint each.
    expect(checkpoints.map((c) => c.step)).toEqual([2, 4]);
    expect(done.fineTunedModel).toBe(checkpoints.at(-1)!.model);
    const events = await trainer.eventsSince(done.id, undefined);
    expect(events.at(-1)!.message).toBe('The job has successfully completed');

    const results = await collectResults(trainer, done, run.dir);
    expect(results.written).toEqual(['metrics.csv', 'metrics.svg']);
    expect(results.steps).toBe(4);
  });

  it('a second start sends no POST: the state file is trusted, and without it the uploads and the job are found on the server', async () => {
    const f = await startNebiusFake();
    const run = writeRun({ model: MODEL, provider: 'nebius' });
    const first = await train(run, f);
    const before = f.requests.filter((r) => r.method === 'POST').length;
    expect(before).toBe(3);

    const again = await train(run, f);
    expect(again.job.id).toBe(first.job.id);
    expect(f.requests.filter((r) => r.method === 'POST').length).toBe(before);

    rmSync(join(run.dir, 'train-state.json'));
    const lookedUp = await train(run, f);
    expect(lookedUp.steps).toEqual([
      expect.stringMatching(/^train\.jsonl: found an earlier upload as file-/),
      expect.stringMatching(/^validation\.jsonl: found an earlier upload as file-/),
      `job ${first.job.id}: found the existing job (validating_files)`,
    ]);
    expect(f.requests.filter((r) => r.method === 'POST').length).toBe(before);
  });

  for (const kind of ['file', 'job'] as const) {
    it(`the answer to a committed ${kind} create is lost: the retry finds it, one upload per file and one job`, async () => {
      const f = await startNebiusFake();
      let dropped = 0;
      f.hooks.onCommitted = (committed, _object, _req, res) => {
        if (committed !== kind || dropped > 0) return;
        dropped++;
        res.destroy();
      };
      const run = writeRun({ model: MODEL, provider: 'nebius' });
      const result = await train(run, f);
      expect(dropped).toBe(1);
      expect(posts(f, '/v1/files')).toBe(2);
      expect(posts(f, '/v1/fine_tuning/jobs')).toBe(1);
      expect(f.state.jobs.size).toBe(1);
      expect(result.steps.join('\n')).toMatch(kind === 'file' ? /train\.jsonl: found an earlier upload/ : /found the existing job/);
    });
  }

  it("never adopts a job whose suffix carries another tag: another attempt, another manifest, a stranger's suffix", async () => {
    const f = await startNebiusFake();
    const run = writeRun({ model: MODEL, provider: 'nebius' });
    const { trainer } = nebiusProvider.trainerFromEnv(envFor(f));
    const file = await trainer.uploadFile('x.jsonl', Buffer.from(JSON.stringify({ messages: [{ role: 'user', content: 'a' }, { role: 'assistant', content: 'b' }] }).concat('\n').repeat(10)));
    const tag = { runId: run.manifest.runId, manifestSha256: run.manifestSha256, attempt: 1 };
    const request = { model: MODEL, trainingFile: file.id, validationFile: undefined, method: 'supervised' as const, hyperparameters: {}, suffix: 'ar-lsat', seed: undefined, adaptation: undefined, contextLength: undefined };
    await trainer.createJob({ ...request, tag: { ...tag, attempt: 2 } });
    await trainer.createJob({ ...request, tag: { ...tag, manifestSha256: '0'.repeat(64) } });
    // A suffix that contains our token but not at its end is not ours either.
    const token = tagToken(tag);
    const res = await fetch(`${f.baseURL}/fine_tuning/jobs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${SECRET}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: MODEL, training_file: file.id, suffix: `${token}-copy` }),
    });
    expect(res.status).toBe(200);
    expect(await trainer.findJobs(tag)).toEqual([]);
    const mine = await trainer.createJob({ ...request, tag });
    expect((await trainer.findJobs(tag)).map((j) => j.id)).toEqual([mine.id]);
  });

  it('maps our settings to Nebius names: absolute learning rate, LoRA on with rank and alpha, context length', async () => {
    const f = await startNebiusFake();
    const { trainer } = nebiusProvider.trainerFromEnv(envFor(f));
    const run = writeRun({ model: MODEL, provider: 'nebius' });
    const started = await train(run, f);
    const job = await trainer.createJob({
      model: MODEL,
      trainingFile: started.state.files['train']!.fileId,
      validationFile: undefined,
      method: 'supervised',
      hyperparameters: { n_epochs: 3, batch_size: 4, learning_rate: 0.0002, lora_rank: 16, lora_alpha: 32 },
      suffix: undefined,
      seed: 7,
      tag: { runId: 'r', manifestSha256: 'm', attempt: 1 },
      adaptation: undefined,
      contextLength: 4096,
    });
    expect(job.hyperparameters).toEqual({
      batch_size: 4, learning_rate: 0.0002, n_epochs: 3, warmup_ratio: 0, weight_decay: 0,
      lora: true, lora_r: 16, lora_alpha: 32, lora_dropout: 0, packing: true, max_grad_norm: 1, context_length: 4096,
    });
    expect(f.requests.at(-1)!.body).toMatchObject({ seed: 7, hyperparameters: { n_epochs: 3, batch_size: 4, learning_rate: 0.0002, lora: true, lora_r: 16, lora_alpha: 32, context_length: 4096 } });
  });

  it('a 500 and a 429 once on every endpoint: the same result, one upload per file, one job', async () => {
    const f = await startNebiusFake();
    faultEveryEndpointOnce(f);
    const env = envFor(f);
    const run = writeRun({ model: MODEL, provider: 'nebius' });
    const started = await train(run, f);
    const { trainer } = nebiusProvider.trainerFromEnv(env);
    f.clock.advance(JOB_SECONDS);
    const done = await trainer.retrieveJob(started.job.id);
    expect(done.status).toBe('succeeded');
    expect((await trainer.eventsSince(done.id, undefined)).length).toBeGreaterThan(0);
    expect((await collectResults(trainer, done, run.dir)).steps).toBe(6);
    const answer = await nebiusProvider.chatFromEnv(env).chat.complete(done.fineTunedModel!, [{ role: 'user', content: 'hello' }]);
    expect(answer.content.length).toBeGreaterThan(0);
    expect(f.state.files.size).toBe(3); // 2 uploads + the result file
    expect(f.state.jobs.size).toBe(1);
    expectEveryEndpointFaulted(f);
  });

  it('a refused create (4xx) stops at once with the API message and no key', async () => {
    const f = await startNebiusFake();
    f.faults.add({ kind: 'status', status: 400, match: 'POST /v1/fine_tuning/jobs', message: `bad request for key ${SECRET}` });
    const run = writeRun({ model: MODEL, provider: 'nebius' });
    const { trainer, secrets } = nebiusProvider.trainerFromEnv(envFor(f));
    const error = await startTraining(run, preflightFor(NEBIUS_TABLE, MODEL), trainer, { sleep: noSleep }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 400 });
    expect(posts(f, '/v1/fine_tuning/jobs')).toBe(1);
    expect(redactSecrets(String(error), secrets)).toBe('Error: 400 bad request for key [REDACTED]');
  });

  it('eval: the fine-tuned checkpoint and its base answer through chatFromEnv at the Nebius base URL', async () => {
    const f = await startNebiusFake();
    const run = writeRun({ model: MODEL, provider: 'nebius' });
    const started = await train(run, f);
    f.clock.advance(JOB_SECONDS);
    const { trainer } = nebiusProvider.trainerFromEnv(envFor(f));
    const done = await trainer.retrieveJob(started.job.id);
    const { chat, secrets } = nebiusProvider.chatFromEnv(envFor(f));
    expect(secrets).toContain(SECRET);
    const messages = [{ role: 'user' as const, content: 'Which is right?\nA. one\nB. two' }];
    for (const model of [done.fineTunedModel!, MODEL]) expect((await chat.complete(model, messages)).content).toMatch(/^[AB]$/);
    expect(f.requests.filter((r) => r.path === '/v1/chat/completions').map((r) => (r.body as { model: string }).model)).toEqual([done.fineTunedModel, MODEL]);
    // No key anywhere: request log, run directory.
    expect(JSON.stringify(f.requests)).not.toContain(SECRET);
    expect(allText(run.dir)).not.toContain(SECRET);
  });

  it('cancels through the adapter, and the job comes back in Nebius\' shape', async () => {
    const f = await startNebiusFake();
    const run = writeRun({ model: MODEL, provider: 'nebius' });
    const started = await train(run, f);
    f.clock.advance(90);
    const { trainer } = nebiusProvider.trainerFromEnv(envFor(f));
    const cancelled = await trainer.cancelJob(started.job.id);
    expect(cancelled).toMatchObject({ id: started.job.id, status: 'cancelled', fineTunedModel: null, error: null });
    expect(f.requests.at(-1)).toMatchObject({ method: 'POST', path: `/v1/fine_tuning/jobs/${started.job.id}/cancel`, status: 200 });
    expect((await trainer.retrieveJob(started.job.id)).status).toBe('cancelled');
  });

  it("a Nebius key in the environment is a secret for every provider's output, not only Nebius'", () => {
    const nebiusKey = 'nb-0f1e2d3c4b5a69788796a5b4c3d2e1f0';
    const { secrets } = azureProvider.trainerFromEnv({ AZURE_OPENAI_ENDPOINT: 'https://r.openai.azure.com', AZURE_OPENAI_API_KEY: 'az-key-123456', NEBIUS_API_KEY: nebiusKey });
    expect(redactSecrets(`upstream said ${nebiusKey}`, secrets)).toBe('upstream said [REDACTED]');
  });

  it('names the missing key', () => {
    expect(() => nebiusProvider.trainerFromEnv({})).toThrow(
      'Nebius needs NEBIUS_API_KEY in the environment (a Token Factory API key); point NEBIUS_BASE_URL at `tuneset fake-openai --provider nebius` with any key to rehearse offline',
    );
    expect(nebiusProvider.trainerFromEnv({ NEBIUS_API_KEY: 'k' }).baseURL).toBe('https://api.tokenfactory.nebius.com/v1');
  });
});
