import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fireworksProvider } from '../../../src/providers/fireworks/index.js';
import { datasetIdFor, jobIdFor } from '../../../src/providers/fireworks/resource-ids.js';
import { collectResults } from '../../../src/train/collect-results.js';
import { startTraining, uploadName } from '../../../src/train/start-training.js';
import { ACCOUNT, calls, env, makeRun, MODEL, noSleep, posts, preflightFor, startFireworksFake, trainerFor } from './helpers.js';

describe('Fireworks adapter against its fake: the whole hand-off', () => {
  it('creates two datasets, uploads them, creates one tagged job, and follows it to success with the clock', async () => {
    const fake = await startFireworksFake();
    const run = makeRun({ epochs: 2 });
    const { trainer } = trainerFor(fake);
    const { job, state } = await startTraining(run, preflightFor(), trainer, { sleep: noSleep });

    const trainName = uploadName(run.manifest.runId, 'train', run.files[0]!.sha256);
    const validName = uploadName(run.manifest.runId, 'validation', run.files[1]!.sha256);
    const jobId = jobIdFor({ runId: run.manifest.runId, manifestSha256: run.manifestSha256, attempt: 1 });
    const base = `/v1/accounts/${ACCOUNT}`;
    expect(calls(fake, 'POST')).toEqual([
      `POST ${base}/datasets 200`,
      `POST ${base}/datasets/${datasetIdFor(trainName)}:upload 200`,
      `POST ${base}/datasets 200`,
      `POST ${base}/datasets/${datasetIdFor(validName)}:upload 200`,
      `POST ${base}/supervisedFineTuningJobs 200`,
    ]);
    // The job body: camelCase settings, resource names for datasets, the tag in displayName, the id in the query.
    const create = fake.requests.find((r) => r.path === `${base}/supervisedFineTuningJobs` && r.method === 'POST')!;
    expect(create.query).toEqual({ supervisedFineTuningJobId: jobId });
    expect(create.body).toEqual({
      displayName: `tuneset ${run.manifestSha256.slice(0, 16)} #1 ${run.manifest.runId}`,
      baseModel: MODEL,
      dataset: `accounts/${ACCOUNT}/datasets/${datasetIdFor(trainName)}`,
      evaluationDataset: `accounts/${ACCOUNT}/datasets/${datasetIdFor(validName)}`,
      epochs: 2,
      maxContextLength: 4096,
    });
    expect(job).toMatchObject({ id: jobId, status: 'validating_files', model: MODEL, trainingFile: datasetIdFor(trainName), fineTunedModel: null });
    expect(state.files['train']).toMatchObject({ filename: trainName, fileId: datasetIdFor(trainName) });

    fake.clock.advance(45);
    expect((await trainer.retrieveJob(jobId)).status).toBe('queued');
    fake.clock.advance(60);
    const running = await trainer.retrieveJob(jobId);
    expect(running.status).toBe('running');
    const [progress] = await trainer.eventsSince(jobId, undefined);
    expect(progress!.message).toMatch(/^JOB_STATE_RUNNING: \d+% \(epoch \d\)$/);
    // The same poll again has nothing new.
    expect(await trainer.eventsSince(jobId, progress!.id)).toEqual([]);
    expect(await trainer.listCheckpoints(jobId)).toEqual([]);

    fake.clock.advance(120);
    const done = await trainer.retrieveJob(jobId);
    expect(done).toMatchObject({ status: 'succeeded', fineTunedModel: `accounts/${ACCOUNT}/models/${jobId}`, resultFiles: [`fireworks-metrics:${jobId}`] });
    expect((await trainer.eventsSince(jobId, progress!.id))[0]!.message).toBe('JOB_STATE_COMPLETED: 100% (epoch 1)');

    // 20 examples × 2 epochs at batch 1: 40 steps in the metrics file, the output model its one checkpoint.
    const results = await collectResults(trainer, done, run.dir);
    expect(results.steps).toBe(40);
    expect(results.written).toEqual(['metrics.csv', 'metrics.svg']);
    const csv = readFileSync(join(run.dir, 'metrics.csv'), 'utf8').split('\n');
    expect(csv[0]).toBe('step,train_loss,train_mean_token_accuracy,train_epoch,valid_loss');
    expect(csv[1]).toMatch(/^1,[\d.]+,[\d.]+,0\.05,/);
    expect(results.checkpoints).toEqual([
      { id: done.fineTunedModel, model: done.fineTunedModel, step: 40, metrics: expect.objectContaining({ train_loss: expect.any(Number), train_epoch: 2 }), createdAt: done.finishedAt },
    ]);
  });

  it('a second startTraining of the same run sends no POST at all: datasets and job are found by id', async () => {
    const fake = await startFireworksFake();
    const run = makeRun();
    const first = await startTraining(run, preflightFor(), trainerFor(fake).trainer, { sleep: noSleep });
    const before = posts(fake).length;
    expect(before).toBe(5);

    // A fresh process: train-state.json remembers the files; the job is looked up by its id.
    const second = await startTraining(run, preflightFor(), trainerFor(fake).trainer, { sleep: noSleep });
    expect(posts(fake).length).toBe(before);
    expect(second.job.id).toBe(first.job.id);
    expect(second.steps.at(-1)).toBe(`job ${first.job.id}: found the existing job (validating_files)`);

    // Without train-state.json (another machine): the datasets are found READY by id, still no POST.
    const fresh = makeRun();
    const third = await startTraining(fresh, preflightFor(), trainerFor(fake).trainer, { sleep: noSleep });
    expect(posts(fake).length).toBe(before);
    expect(third.steps.slice(0, 2)).toEqual([
      `train.jsonl: found an earlier upload as ${first.state.files['train']!.fileId} (${first.state.files['train']!.filename})`,
      `validation.jsonl: found an earlier upload as ${first.state.files['validation']!.fileId} (${first.state.files['validation']!.filename})`,
    ]);
    expect(third.job.id).toBe(first.job.id);
  });

  it('--new-job makes another job (attempt 2) beside the first, with its own id and tag', async () => {
    const fake = await startFireworksFake();
    const run = makeRun();
    const first = await startTraining(run, preflightFor(), trainerFor(fake).trainer, { sleep: noSleep });
    const second = await startTraining(run, preflightFor(), trainerFor(fake).trainer, { sleep: noSleep, newJob: true });
    expect(second.job.id).toBe(jobIdFor({ runId: run.manifest.runId, manifestSha256: run.manifestSha256, attempt: 2 }));
    expect(second.job.id).not.toBe(first.job.id);
    expect(posts(fake).filter((r) => r.path.endsWith('/supervisedFineTuningJobs'))).toHaveLength(2);
  });

  it('cancel deletes the job, which Fireworks shows as JOB_STATE_CANCELLED', async () => {
    const fake = await startFireworksFake();
    const { job } = await startTraining(makeRun(), preflightFor(), trainerFor(fake).trainer, { sleep: noSleep });
    fake.clock.advance(90);
    const cancelled = await trainerFor(fake).trainer.cancelJob(job.id);
    expect(cancelled.status).toBe('cancelled');
    expect(calls(fake, 'DELETE')).toEqual([`DELETE /v1/accounts/${ACCOUNT}/supervisedFineTuningJobs/${job.id} 200`]);
    fake.clock.advance(600);
    expect((await trainerFor(fake).trainer.retrieveJob(job.id)).status).toBe('cancelled');
  });

  it('findJobs never adopts a job under our id whose displayName is not our tag', async () => {
    const fake = await startFireworksFake();
    const run = makeRun();
    const { trainer } = trainerFor(fake);
    const { job } = await startTraining(run, preflightFor(), trainer, { sleep: noSleep });
    const tag = { runId: run.manifest.runId, manifestSha256: run.manifestSha256, attempt: 1 };
    expect((await trainer.findJobs(tag)).map((j) => j.id)).toEqual([job.id]);
    // Another manifest of the same run, or another attempt: another id, nothing found.
    expect(await trainer.findJobs({ ...tag, manifestSha256: 'f'.repeat(64) })).toEqual([]);
    expect(await trainer.findJobs({ ...tag, attempt: 2 })).toEqual([]);
  });

  it('evaluates through chatFromEnv at /inference/v1: the base answers at chance, the output model like a fine-tune', async () => {
    const fake = await startFireworksFake();
    const { job } = await startTraining(makeRun(), preflightFor(), trainerFor(fake).trainer, { sleep: noSleep });
    fake.clock.advance(300);
    const done = await trainerFor(fake).trainer.retrieveJob(job.id);
    const { chat } = fireworksProvider.chatFromEnv(env(fake), { maxRetries: 0 });
    const messages = [{ role: 'user', content: 'Which is right?\nA. one\nB. two\nC. three' }];
    const base = await chat.complete(MODEL, messages);
    expect(base.content).toMatch(/^[ABC]$/);
    const tuned = await chat.complete(done.fineTunedModel!, messages);
    expect(tuned.content).toMatch(/^[ABC]$/);
    expect(calls(fake).filter((c) => c.includes('/inference/'))).toEqual(['POST /inference/v1/chat/completions 200', 'POST /inference/v1/chat/completions 200']);
    await expect(chat.complete('accounts/acme-labs/models/no-such-model', messages)).rejects.toThrow(/does not exist/);
  });
});
