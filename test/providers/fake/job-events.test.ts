import type OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { JOB_SECONDS, startFake, startJob } from './helpers.js';

const allEvents = async (client: OpenAI, jobId: string) => {
  const out: OpenAI.FineTuning.FineTuningJobEvent[] = [];
  for await (const e of client.fineTuning.jobs.listEvents(jobId, { limit: 7 })) out.push(e);
  return out;
};

describe('fake OpenAI: job events, checkpoints and the result file', () => {
  it('lists events newest first; after= pages to older ones; the message sequence of a successful job', async () => {
    const { client, fake } = await startFake();
    const job = await startJob(client, { examples: 10, body: { method: { type: 'supervised', supervised: { hyperparameters: { n_epochs: 3 } } } } });
    const early = await client.fineTuning.jobs.listEvents(job.id);
    expect(early.data.map((e) => e.message)).toEqual([`Validating training file: ${job.training_file}`, `Created fine-tuning job: ${job.id}`]);
    expect(early.has_more).toBe(false);

    fake.clock.advance(JOB_SECONDS);
    const events = await allEvents(client, job.id);
    const messages = events.map((e) => e.message).reverse();
    expect(messages.slice(0, 4)).toEqual([
      `Created fine-tuning job: ${job.id}`,
      `Validating training file: ${job.training_file}`,
      'Files validated, moving job to queued state',
      'Fine-tuning job started',
    ]);
    // Message events carry `data: {}`: OpenAI's published document allows an object, not null.
    expect(events.filter((e) => e.type === 'message').map((e) => e.data)).toEqual(events.filter((e) => e.type === 'message').map(() => ({})));
    const done = await client.fineTuning.jobs.retrieve(job.id);
    expect(messages.slice(-2)).toEqual([`New fine-tuned model created: ${done.fine_tuned_model}`, 'The job has successfully completed']);
    // 10 examples, batch 1, 3 epochs: 30 steps, one metrics event each, and checkpoint events after epochs 1 and 2.
    const metrics = events.filter((e) => e.type === 'metrics');
    expect(metrics).toHaveLength(30);
    expect(messages.filter((m) => m.startsWith('Checkpoint created at step'))).toEqual([
      expect.stringMatching(/^Checkpoint created at step 10 with Snapshot ID: ft:.*:ckpt-step-10$/),
      expect.stringMatching(/^Checkpoint created at step 20 with Snapshot ID: ft:.*:ckpt-step-20$/),
    ]);
    const last = metrics[0]!;
    expect(last.message).toMatch(/^Step 30\/30: training loss=\d+\.\d\d$/);
    expect(last.data).toEqual({ step: 30, total_steps: 30, train_loss: expect.any(Number), train_mean_token_accuracy: expect.any(Number) });

    // Newest first, timestamps never increasing, and the cursor pages without overlap.
    const times = events.map((e) => e.created_at);
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    const page1 = await client.fineTuning.jobs.listEvents(job.id, { limit: 5 });
    const page2 = await client.fineTuning.jobs.listEvents(job.id, { limit: 5, after: page1.data.at(-1)!.id });
    expect(page2.data.map((e) => e.id)).toEqual(events.slice(5, 10).map((e) => e.id));
    expect(page1.has_more).toBe(true);
  });

  it('has a deterministic, decreasing loss curve, with validation metrics on some steps', async () => {
    const { client, fake } = await startFake();
    const job = await startJob(client, { examples: 40, validation: 10, body: { method: { type: 'supervised', supervised: { hyperparameters: { n_epochs: 3 } } } } });
    fake.clock.advance(JOB_SECONDS);
    const metrics = (await allEvents(client, job.id)).filter((e) => e.type === 'metrics').reverse();
    expect(metrics).toHaveLength(120);
    const loss = metrics.map((e) => (e.data as { train_loss: number }).train_loss);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(loss.slice(-20))).toBeLessThan(mean(loss.slice(0, 20)) / 2);
    const withValidation = metrics.filter((e) => 'valid_loss' in (e.data as object));
    expect(withValidation.length).toBeGreaterThan(3);
    expect(withValidation.length).toBeLessThan(metrics.length);
    const epochEnd = metrics[39]!;
    expect(epochEnd.data).toMatchObject({ step: 40, valid_loss: expect.any(Number), full_valid_loss: expect.any(Number), full_valid_mean_token_accuracy: expect.any(Number) });
    expect(epochEnd.message).toMatch(/^Step 40\/120: training loss=[\d.]+, validation loss=[\d.]+, full validation loss=[\d.]+$/);

    // The same job id always draws the same curve.
    const again = (await allEvents(client, job.id)).filter((e) => e.type === 'metrics').reverse();
    expect(again.map((e) => e.data)).toEqual(metrics.map((e) => e.data));
  });

  it('shows checkpoints only after success: the last 3 epochs, newest first, the final one being fine_tuned_model', async () => {
    const { client, fake } = await startFake();
    const job = await startJob(client, { examples: 10, body: { suffix: 'ck', method: { type: 'supervised', supervised: { hyperparameters: { n_epochs: 5 } } } } });
    fake.clock.advance(150);
    expect((await client.fineTuning.jobs.checkpoints.list(job.id)).data).toEqual([]);
    fake.clock.advance(30);
    const done = await client.fineTuning.jobs.retrieve(job.id);
    const page = await client.fineTuning.jobs.checkpoints.list(job.id);
    expect(page.data.map((c) => c.step_number)).toEqual([50, 40, 30]);
    expect(page.data[0]!.fine_tuned_model_checkpoint).toBe(done.fine_tuned_model);
    expect(page.data[1]!.fine_tuned_model_checkpoint).toMatch(/^ft:gpt-4o-mini-2024-07-18:fake-org:ck:[A-Za-z0-9]{8}:ckpt-step-40$/);
    expect(page.data[1]!.fine_tuned_model_checkpoint.split(':')[4]).not.toBe(done.fine_tuned_model!.split(':')[4]);
    expect(page.data[0]).toMatchObject({ object: 'fine_tuning.job.checkpoint', fine_tuning_job_id: job.id, metrics: { step: 50, train_loss: expect.any(Number) } });
    expect(page.data[0]!.id).toMatch(/^ftckpt_/);

    const raw = await client.get(`/fine_tuning/jobs/${job.id}/checkpoints`, { query: { limit: 2 } });
    expect(raw).toMatchObject({ has_more: true, first_id: page.data[0]!.id, last_id: page.data[1]!.id });
    const rest = await client.fineTuning.jobs.checkpoints.list(job.id, { after: page.data[1]!.id });
    expect(rest.data.map((c) => c.step_number)).toEqual([30]);
  });

  it('writes step_metrics.csv, base64-encoded, with empty validation cells on non-validation steps', async () => {
    const { client, fake } = await startFake();
    const job = await startJob(client, { examples: 20, validation: 10, body: { method: { type: 'supervised', supervised: { hyperparameters: { n_epochs: 2 } } } } });
    fake.clock.advance(JOB_SECONDS);
    const done = await client.fineTuning.jobs.retrieve(job.id);
    const file = await client.files.retrieve(done.result_files[0]!);
    expect(file).toMatchObject({ filename: 'step_metrics.csv', purpose: 'fine-tune-results', status: 'processed', created_at: done.finished_at });
    const body = await (await client.files.content(file.id)).text();
    expect(body).toMatch(/^[A-Za-z0-9+/=]+$/);
    const csv = Buffer.from(body, 'base64').toString('utf8').trim().split('\n');
    expect(csv[0]).toBe('step,train_loss,train_accuracy,valid_loss,valid_mean_token_accuracy');
    expect(csv).toHaveLength(41);
    expect(csv[1]).toMatch(/^1,[\d.]+,[\d.]+,,$/);
    expect(csv[20]).toMatch(/^20,[\d.]+,[\d.]+,[\d.]+,[\d.]+$/);
    // The rows agree with the events' metrics.
    const events = (await allEvents(client, job.id)).filter((e) => e.type === 'metrics');
    const step20 = events.find((e) => (e.data as { step: number }).step === 20)!.data as Record<string, number>;
    expect(csv[20]).toBe(`20,${step20['train_loss']},${step20['train_mean_token_accuracy']},${step20['valid_loss']},${step20['valid_mean_token_accuracy']}`);
  });

  it('serves the CSV as plain text when resultFileBase64 is off', async () => {
    const { client, fake } = await startFake({ resultFileBase64: false });
    const job = await startJob(client);
    fake.clock.advance(JOB_SECONDS);
    const done = await client.fineTuning.jobs.retrieve(job.id);
    expect(await (await client.files.content(done.result_files[0]!)).text()).toMatch(/^step,train_loss,/);
  });

  it('adds an error event to a failed job', async () => {
    const { client, fake } = await startFake();
    const job = await startJob(client, { examples: 3 });
    fake.clock.advance(30);
    const [newest] = (await client.fineTuning.jobs.listEvents(job.id)).data;
    expect(newest).toMatchObject({ level: 'error', message: 'Training file has 3 example(s), but must have at least 10 examples' });
  });
});
