import { rmSync } from 'node:fs';
import { join } from 'node:path';
import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { azureProvider } from '../../../src/providers/azure/index.js';
import { AZURE_TABLE } from '../../../src/providers/azure/model-table.js';
import { startFakeOpenAI, type FakeOpenAI } from '../../../src/providers/fake/index.js';
import { createClient, settingsFromEnv } from '../../../src/providers/openai/client.js';
import { redactSecrets } from '../../../src/providers/openai/redact.js';
import { collectResults } from '../../../src/train/collect-results.js';
import type { RunDirectory } from '../../../src/train/run-directory.js';
import { startTraining } from '../../../src/train/start-training.js';
import { allText, expectEveryEndpointFaulted, faultEveryEndpointOnce, noSleep, NOW, preflightFor, recordingFetch, SECRET, writeRun } from '../nebius/run-fixture.js';

const OPEN_MODEL = 'Qwen-32B';
const JOB_SECONDS = 180;

let fake: FakeOpenAI | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const startAzureFake = async () => (fake = await startFakeOpenAI({ now: NOW, routes: azureProvider.fake.routes, azure: true, apiKey: SECRET }));
const envFor = (f: FakeOpenAI, extra: NodeJS.ProcessEnv = {}) => ({ AZURE_OPENAI_ENDPOINT: f.url, AZURE_OPENAI_API_KEY: SECRET, ...extra });
const posts = (f: FakeOpenAI, path: string) => f.requests.filter((r) => r.method === 'POST' && r.path === path).length;
const train = (run: RunDirectory, f: FakeOpenAI, model = OPEN_MODEL, env = envFor(f)) =>
  startTraining(run, preflightFor(AZURE_TABLE, model), azureProvider.trainerFromEnv(env).trainer, { sleep: noSleep });

describe('Azure adapter against the Azure fake (v1 API)', () => {
  it('trains an open model to success on /openai/v1 with the api-key header: GlobalStandard training, tag in metadata, checkpoints, metrics', async () => {
    const f = await startAzureFake();
    const rec = recordingFetch();
    const env = envFor(f);
    const { trainer, baseURL } = azureProvider.trainerFromEnv(env, { fetch: rec.fetch });
    expect(baseURL).toBe(`${f.url}/openai/v1`);
    const run = writeRun({ model: OPEN_MODEL, provider: 'azure', train: { epochs: 2 } });
    const started = await startTraining(run, preflightFor(AZURE_TABLE, OPEN_MODEL), trainer, { sleep: noSleep });
    expect(f.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /openai/v1/files',
      'POST /openai/v1/files',
      'GET /openai/v1/files',
      'POST /openai/v1/files',
      'GET /openai/v1/fine_tuning/jobs',
      'POST /openai/v1/fine_tuning/jobs',
    ]);
    expect(f.requests.every((r) => r.azure && r.status === 200 && !('api-version' in r.query))).toBe(true);
    // Jobs are listed with the standard paging only (no metadata[...] filter, which Azure does not document).
    expect(f.requests.find((r) => r.method === 'GET' && r.path === '/openai/v1/fine_tuning/jobs')!.query).toEqual({ limit: '100' });
    // (The SDK's own `data:` probe of FormData support is no request to Azure.)
    const sent = rec.seen.filter((r) => !r.url.startsWith('data:'));
    expect(sent.length).toBe(6);
    for (const r of sent) {
      expect(r.headers.get('api-key')).toBe(SECRET);
      expect(r.headers.has('authorization')).toBe(false);
    }
    const body = f.requests.at(-1)!.body as Record<string, unknown>;
    expect(body).toMatchObject({
      model: OPEN_MODEL,
      trainingType: 'GlobalStandard',
      method: { type: 'supervised', supervised: { hyperparameters: { n_epochs: 2 } } },
      metadata: { tuneset_run_id: run.manifest.runId, tuneset_manifest_sha256: run.manifestSha256, tuneset_attempt: '1' },
    });

    f.clock.advance(JOB_SECONDS);
    const done = await trainer.retrieveJob(started.job.id);
    expect(done.status).toBe('succeeded');
    expect(done.fineTunedModel).toMatch(/^ft:Qwen-32B:/);
    const checkpoints = await trainer.listCheckpoints(done.id);
    expect(checkpoints.map((c) => c.step)).toEqual([12, 24]);
    expect((await collectResults(trainer, done, run.dir)).written).toEqual(['metrics.csv', 'metrics.svg']);
    expect(JSON.stringify(f.requests)).not.toContain(SECRET);
    expect(allText(run.dir)).not.toContain(SECRET);
  });

  it('an OpenAI model (existing customers) keeps Azure\'s default training type', async () => {
    const f = await startAzureFake();
    const run = writeRun({ model: 'gpt-4o-mini-2024-07-18', provider: 'azure' });
    await train(run, f, 'gpt-4o-mini-2024-07-18');
    const body = f.requests.at(-1)!.body as Record<string, unknown>;
    expect(body['model']).toBe('gpt-4o-mini-2024-07-18');
    expect('trainingType' in body).toBe(false);
    expect(AZURE_TABLE.models['gpt-4o-mini-2024-07-18']).toMatchObject({ newCustomers: false, newJobsEndDate: null });
  });

  it('the fake refuses an open model without Global training, as Azure does', async () => {
    const f = await startAzureFake();
    const client = new OpenAI({ apiKey: SECRET, baseURL: `${f.url}/openai/v1`, maxRetries: 0 });
    // Refused before the file is looked at: the training type is checked first.
    const error = await client.fineTuning.jobs.create({ model: OPEN_MODEL, training_file: 'file-x' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 400, code: 'invalidPayload', param: 'trainingType' });
    expect((error as Error).message).toBe('400 Model Qwen-32B can only be trained with Global training; set trainingType to GlobalStandard (got none).');
  });

  it('a second start sends no POST: the state file is trusted, and without it the uploads and the job are found by name and metadata', async () => {
    const f = await startAzureFake();
    const run = writeRun({ model: OPEN_MODEL, provider: 'azure' });
    const first = await train(run, f);
    const before = f.requests.filter((r) => r.method === 'POST').length;
    expect(before).toBe(3);
    await train(run, f);
    rmSync(join(run.dir, 'train-state.json'));
    const again = await train(run, f);
    expect(again.job.id).toBe(first.job.id);
    expect(again.steps.at(-1)).toBe(`job ${first.job.id}: found the existing job (validating_files)`);
    expect(f.requests.filter((r) => r.method === 'POST').length).toBe(before);
  });

  it("never adopts a job whose metadata carries another tag (another attempt, another manifest) or none", async () => {
    const f = await startAzureFake();
    const run = writeRun({ model: OPEN_MODEL, provider: 'azure' });
    const started = await train(run, f);
    const { trainer } = azureProvider.trainerFromEnv(envFor(f));
    const tag = { runId: run.manifest.runId, manifestSha256: run.manifestSha256, attempt: 1 };
    const request = { model: OPEN_MODEL, trainingFile: started.state.files['train']!.fileId, validationFile: undefined, method: 'supervised' as const, hyperparameters: {}, suffix: 'ar-lsat', seed: undefined, adaptation: undefined, contextLength: undefined };
    await trainer.createJob({ ...request, tag: { ...tag, attempt: 2 } });
    await trainer.createJob({ ...request, tag: { ...tag, manifestSha256: '0'.repeat(64) } });
    const client = new OpenAI({ apiKey: SECRET, baseURL: `${f.url}/openai/v1`, maxRetries: 0 });
    await client.fineTuning.jobs.create({ model: OPEN_MODEL, training_file: request.trainingFile, metadata: { tuneset_run_id: tag.runId }, trainingType: 'GlobalStandard' } as OpenAI.FineTuning.JobCreateParams);
    expect(f.state.jobs.size).toBe(4);
    expect((await trainer.findJobs(tag)).map((j) => j.id)).toEqual([started.job.id]);
  });

  for (const kind of ['file', 'job'] as const) {
    it(`the answer to a committed ${kind} create is lost: the retry finds it, one upload per file and one job`, async () => {
      const f = await startAzureFake();
      let dropped = 0;
      f.hooks.onCommitted = (committed, _object, _req, res) => {
        if (committed !== kind || dropped > 0) return;
        dropped++;
        res.destroy();
      };
      const run = writeRun({ model: OPEN_MODEL, provider: 'azure' });
      await train(run, f);
      expect(dropped).toBe(1);
      expect(posts(f, '/openai/v1/files')).toBe(2);
      expect(posts(f, '/openai/v1/fine_tuning/jobs')).toBe(1);
      expect(f.state.jobs.size).toBe(1);
    });
  }

  it('a 500 and a 429 once on every endpoint: the same result, one upload per file, one job', async () => {
    const f = await startAzureFake();
    faultEveryEndpointOnce(f);
    const env = envFor(f);
    const run = writeRun({ model: OPEN_MODEL, provider: 'azure' });
    const started = await train(run, f, OPEN_MODEL, env);
    const { trainer } = azureProvider.trainerFromEnv(env);
    f.clock.advance(JOB_SECONDS);
    const done = await trainer.retrieveJob(started.job.id);
    expect(done.status).toBe('succeeded');
    expect((await trainer.eventsSince(done.id, undefined)).at(-1)!.message).toBe('The job has successfully completed');
    expect((await collectResults(trainer, done, run.dir)).written).toEqual(['metrics.csv', 'metrics.svg']);
    expect((await azureProvider.chatFromEnv(env).chat.complete(done.fineTunedModel!, [{ role: 'user', content: 'hi' }])).content.length).toBeGreaterThan(0);
    expect(f.state.jobs.size).toBe(1);
    expect([...f.state.files.values()].filter((x) => x.purpose === 'fine-tune').length).toBe(2);
    expectEveryEndpointFaulted(f);
  });

  it('a refused create (4xx) stops at once; the key is redacted from the error', async () => {
    const f = await startAzureFake();
    f.faults.add({ kind: 'status', status: 400, match: 'POST /v1/fine_tuning/jobs', message: `bad request for key ${SECRET}` });
    const run = writeRun({ model: OPEN_MODEL, provider: 'azure' });
    const { trainer, secrets } = azureProvider.trainerFromEnv(envFor(f));
    const error = await startTraining(run, preflightFor(AZURE_TABLE, OPEN_MODEL), trainer, { sleep: noSleep }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 400 });
    expect(posts(f, '/openai/v1/fine_tuning/jobs')).toBe(1);
    expect(redactSecrets(String(error), secrets)).toBe('Error: 400 bad request for key [REDACTED]');
  });

  it('eval on v1: the deployment is named as the model at /openai/v1/chat/completions', async () => {
    const f = await startAzureFake();
    const { chat, secrets } = azureProvider.chatFromEnv(envFor(f));
    expect(secrets).toContain(SECRET);
    expect((await chat.complete(OPEN_MODEL, [{ role: 'user', content: 'Pick one.\nA. x\nB. y' }])).content).toMatch(/^[AB]$/);
    expect(f.requests.map((r) => [r.method, r.path, (r.body as { model: string }).model])).toEqual([['POST', '/openai/v1/chat/completions', OPEN_MODEL]]);
  });
});

describe('Azure with OPENAI_API_VERSION: the dated URL shape', () => {
  it('trains through /openai/...?api-version= and chats through /openai/deployments/<name>/', async () => {
    const f = await startAzureFake();
    const env = envFor(f, { OPENAI_API_VERSION: '2025-04-01-preview' });
    expect(azureProvider.trainerFromEnv(env).baseURL).toBe(`${f.url}/openai`);
    const run = writeRun({ model: 'gpt-4o-mini-2024-07-18', provider: 'azure' });
    await train(run, f, 'gpt-4o-mini-2024-07-18', env);
    await azureProvider.chatFromEnv(env).chat.complete('my-deployment', [{ role: 'user', content: 'hi' }]).catch(() => undefined);
    expect(f.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /openai/files',
      'POST /openai/files',
      'GET /openai/files',
      'POST /openai/files',
      'GET /openai/fine_tuning/jobs',
      'POST /openai/fine_tuning/jobs',
      'POST /openai/deployments/my-deployment/chat/completions',
    ]);
    expect(f.requests.every((r) => r.query['api-version'] === '2025-04-01-preview')).toBe(true);
  });

  it("annotate's Azure client (openai/client.ts) still defaults to the dated 2024-10-21 API, through the Azure module", async () => {
    const f = await startAzureFake();
    const settings = settingsFromEnv(envFor(f), 'azure');
    expect(settings).toEqual({ provider: 'azure', apiKey: SECRET, baseURL: f.url, apiVersion: '2024-10-21' });
    await createClient(settings, { maxRetries: 0 }).files.list();
    expect(f.requests.map((r) => [r.path, r.query['api-version']])).toEqual([['/openai/files', '2024-10-21']]);
  });

  it('names the missing settings', () => {
    expect(() => azureProvider.trainerFromEnv({ AZURE_OPENAI_API_KEY: 'x' })).toThrow('Azure OpenAI needs AZURE_OPENAI_ENDPOINT (https://<resource>.openai.azure.com)');
    expect(() => azureProvider.chatFromEnv({ AZURE_OPENAI_ENDPOINT: 'https://r.openai.azure.com' })).toThrow('Azure OpenAI needs AZURE_OPENAI_API_KEY in the environment');
  });
});
