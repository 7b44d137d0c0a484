import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tagMark } from '../../../src/providers/together/job-tag.js';
import { togetherProvider } from '../../../src/providers/together/index.js';
import { collectResults } from '../../../src/train/collect-results.js';
import { startTraining } from '../../../src/train/start-training.js';
import { chatJsonl, correctLetter, questionText } from '../fake/helpers.js';
import { calls, env, KEY, makeRun, MODEL, noSleep, posts, preflightFor, startTogetherFake, trainerFor } from './helpers.js';

describe('Together adapter against its fake: the whole hand-off', () => {
  it('uploads both files, creates one tagged job, follows it to success with events, checkpoints and metrics', async () => {
    const fake = await startTogetherFake();
    const { trainer } = trainerFor(fake);
    const run = makeRun({ epochs: 2 });

    const first = await startTraining(run, preflightFor(), trainer, { sleep: noSleep });
    expect(posts(fake).map((r) => r.path)).toEqual(['/v1/files/upload', '/v1/files/upload', '/v1/fine-tunes']);
    const upload = fake.requests.find((r) => r.path === '/v1/files/upload')!;
    expect(upload.body).toMatchObject({ fields: { purpose: 'fine-tune', file_type: 'jsonl', file_name: first.state.files['train']!.filename }, files: [{ field: 'file', bytes: run.files[0]!.bytes }] });
    const create = fake.requests.find((r) => r.method === 'POST' && r.path === '/v1/fine-tunes')!.body as Record<string, unknown>;
    const tag = { runId: run.manifest.runId, manifestSha256: run.manifestSha256, attempt: 1 };
    expect(create).toEqual({
      model: MODEL,
      training_file: first.state.files['train']!.fileId,
      validation_file: first.state.files['validation']!.fileId,
      n_epochs: 2,
      batch_size: 'max',
      n_checkpoints: 2,
      n_evals: 2,
      suffix: `ar-lsat-${tagMark(tag)}`,
      training_method: { method: 'sft', train_on_inputs: false },
      // start-training passes preflight's training length once the core's target work lands.
      ...('max_seq_length' in create ? { max_seq_length: 4096 } : {}),
    });
    expect(first.job.status).toBe('pending');
    expect(first.job.fineTunedModel).toBeNull();

    const id = first.job.id;
    expect(id).toMatch(/^ft-[0-9a-f]{8}-[0-9a-f]{4}-/);
    fake.clock.advance(30);
    expect((await trainer.retrieveJob(id)).status).toBe('queued');
    fake.clock.advance(30);
    expect((await trainer.retrieveJob(id)).status).toBe('running');
    fake.clock.advance(120);
    const done = await trainer.retrieveJob(id);
    expect(done.status).toBe('succeeded');
    expect(done.fineTunedModel).toMatch(/^fake-org\/Qwen3-8B-ar-lsat-ts-[0-9a-f]{20}-[0-9a-f]{8}$/);
    expect(done.finishedAt).toBe(Date.parse('2026-12-02T12:03:00Z') / 1000);
    expect(done.trainedTokens).toBeGreaterThan(0);

    const events = await trainer.eventsSince(id, undefined);
    expect(events.map((e) => e.type)).toEqual([
      'job_pending',
      'job_start',
      'model_download_complete',
      'training_data_download_complete',
      'training_start',
      'epoch_complete',
      'checkpoint_save',
      'epoch_complete',
      'training_complete',
      'model_upload_complete',
      'job_complete',
    ]);
    // 20 examples at the model's max batch (8): 3 steps an epoch.
    expect(events[5]!.message).toBe('Epoch completed, at step 3');
    expect(events[5]!.data).toEqual({ step: 3, total_steps: 6 });
    expect(events[0]!.data).toBeNull();
    expect(await trainer.eventsSince(id, events.at(-1)!.id)).toEqual([]);
    expect((await trainer.eventsSince(id, events[8]!.id)).map((e) => e.type)).toEqual(['model_upload_complete', 'job_complete']);

    const checkpoints = await trainer.listCheckpoints(id);
    expect(checkpoints.map((c) => [c.step, c.model])).toEqual([
      [3, `${id}:3`],
      [6, done.fineTunedModel],
    ]);

    const results = await collectResults(trainer, done, run.dir);
    expect(results.written).toEqual(['metrics.csv', 'metrics.svg']);
    expect(results.steps).toBe(6);
    const csv = readFileSync(join(run.dir, 'metrics.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toBe('step,train_loss,learning_rate,valid_loss');
    expect(csv).toHaveLength(7);
  });

  it('a second train sends no POST at all, with or without train-state.json', async () => {
    const fake = await startTogetherFake();
    const { trainer } = trainerFor(fake);
    const run = makeRun();
    const first = await startTraining(run, preflightFor(), trainer, { sleep: noSleep });
    const before = posts(fake).length;

    const again = await startTraining(run, preflightFor(), trainer, { sleep: noSleep });
    expect(again.job.id).toBe(first.job.id);
    expect(posts(fake)).toHaveLength(before);

    // Without the state file everything is found again on the server: files by name and size, the job by its tag.
    rmSync(join(run.dir, 'train-state.json'));
    const found = await startTraining(run, preflightFor(), trainer, { sleep: noSleep });
    expect(found.job.id).toBe(first.job.id);
    expect(found.steps).toEqual([
      `train.jsonl: found an earlier upload as ${first.state.files['train']!.fileId} (${first.state.files['train']!.filename})`,
      `validation.jsonl: found an earlier upload as ${first.state.files['validation']!.fileId} (${first.state.files['validation']!.filename})`,
      `job ${first.job.id}: found the existing job (pending)`,
    ]);
    expect(posts(fake)).toHaveLength(before);
    expect(fake.state.jobs.size).toBe(1);
  });

  it('--new-job makes a second attempt with its own tag; findJobs tells the attempts apart', async () => {
    const fake = await startTogetherFake();
    const { trainer } = trainerFor(fake);
    const run = makeRun();
    const first = await startTraining(run, preflightFor(), trainer, { sleep: noSleep });
    const second = await startTraining(run, preflightFor(), trainer, { sleep: noSleep, newJob: true });
    expect(second.job.id).not.toBe(first.job.id);
    const tag = (attempt: number) => ({ runId: run.manifest.runId, manifestSha256: run.manifestSha256, attempt });
    expect((await trainer.findJobs(tag(1))).map((j) => j.id)).toEqual([first.job.id]);
    expect((await trainer.findJobs(tag(2))).map((j) => j.id)).toEqual([second.job.id]);
    expect(await trainer.findJobs({ ...tag(1), manifestSha256: 'f'.repeat(64) })).toEqual([]);
  });

  it('never adopts a stranger job: no suffix, another run, or a suffix that only contains the mark', async () => {
    const fake = await startTogetherFake();
    const { trainer } = trainerFor(fake);
    const run = makeRun();
    const tag = { runId: run.manifest.runId, manifestSha256: run.manifestSha256, attempt: 1 };
    const file = await trainer.uploadFile('x.jsonl', Buffer.from(chatJsonl(12)));
    const post = (suffix?: string) =>
      fetch(`${fake.baseURL}/fine-tunes`, {
        method: 'POST',
        headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({ model: MODEL, training_file: file.id, ...(suffix === undefined ? {} : { suffix }) }),
      });
    await post();
    await post(tagMark({ ...tag, runId: 'another-run' }));
    await post(`${tagMark(tag)}-copy`);
    await post(`x${tagMark(tag)}`);
    expect(await trainer.findJobs(tag)).toEqual([]);
    await post(`mine-${tagMark(tag)}`);
    expect((await trainer.findJobs(tag)).map((j) => j.metadata['suffix'])).toEqual([`mine-${tagMark(tag)}`]);
  });

  it('cancel: the job ends cancelled and its events say so', async () => {
    const fake = await startTogetherFake();
    const { trainer } = trainerFor(fake);
    const { job } = await startTraining(makeRun(), preflightFor(), trainer, { sleep: noSleep });
    fake.clock.advance(90);
    const cancelled = await trainer.cancelJob(job.id);
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.fineTunedModel).toBeNull();
    expect((await trainer.eventsSince(job.id, undefined)).slice(-2).map((e) => e.type)).toEqual(['cancel_requested', 'job_stopped']);
    await expect(trainer.cancelJob(job.id)).rejects.toThrow(`Together POST ${fake.baseURL}/fine-tunes/${job.id}/cancel failed: 400 (the request was refused): Fine-tune job ${job.id} has already ended and cannot be cancelled`);
  });

  it('a job that fails says why, from its job_error event', async () => {
    const fake = await startTogetherFake();
    const { trainer } = trainerFor(fake);
    fake.faults.failJobs({ message: 'CUDA out of memory' });
    const { job } = await startTraining(makeRun(), preflightFor(), trainer, { sleep: noSleep });
    fake.clock.advance(180);
    const failed = await trainer.retrieveJob(job.id);
    expect(failed.status).toBe('failed');
    expect(failed.error).toEqual({ code: null, message: 'CUDA out of memory', param: null });
    expect(failed.resultFiles).toEqual([]);
  });

  it('a training file with too few examples fails validation with the reason', async () => {
    const fake = await startTogetherFake();
    const { trainer } = trainerFor(fake);
    const { job } = await startTraining(makeRun({ train: chatJsonl(3), validation: null }), preflightFor(), trainer, { sleep: noSleep });
    fake.clock.advance(30);
    const failed = await trainer.retrieveJob(job.id);
    expect(failed.status).toBe('failed');
    expect(failed.error?.message).toBe('Training file has 3 example(s), but must have at least 10 examples');
  });

  it('eval: chatFromEnv talks to the fine-tuned model and its base through the OpenAI-compatible endpoint', async () => {
    const answerKey = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [questionText(i), correctLetter(i)]));
    const fake = await startTogetherFake({ answerKey, fineTunedAccuracy: 1 });
    const { trainer } = trainerFor(fake);
    const { job } = await startTraining(makeRun(), preflightFor(), trainer, { sleep: noSleep });
    fake.clock.advance(180);
    const tuned = (await trainer.retrieveJob(job.id)).fineTunedModel!;
    const { chat, secrets } = togetherProvider.chatFromEnv(env(fake), { maxRetries: 0 });
    expect(secrets).toContain(KEY);
    const ask = (model: string, i: number) => chat.complete(model, [{ role: 'user', content: questionText(i) }]);
    let tunedRight = 0;
    let baseRight = 0;
    for (let i = 0; i < 40; i++) {
      if ((await ask(tuned, i)).content === correctLetter(i)) tunedRight++;
      if ((await ask(MODEL, i)).content === correctLetter(i)) baseRight++;
    }
    expect(tunedRight).toBe(40);
    expect(baseRight).toBeLessThan(20);
    expect(calls(fake, 'POST').filter((c) => c.startsWith('POST /v1/chat/completions 200'))).toHaveLength(80);
    await expect(ask('meta-llama/not-a-model', 0)).rejects.toThrow('Unable to access model meta-llama/not-a-model');
  });

  it('checkAccess lists models and jobs; a refused key is named as such, without the key', async () => {
    const fake = await startTogetherFake({ apiKey: KEY });
    await trainerFor(fake).trainer.checkAccess();
    expect(calls(fake)).toEqual(['GET /v1/models 200', 'GET /v1/fine-tunes 200']);
    const wrong = 'tgp_v1_wrongkey_0000000000000000';
    const error = await trainerFor(fake, { apiKey: wrong }).trainer.checkAccess().catch((e: Error) => e);
    expect((error as Error).message).toMatch(new RegExp(`^Together GET ${fake.baseURL}/models failed: 401 \\(the API key was refused\\): Incorrect API key provided`));
  });
});
