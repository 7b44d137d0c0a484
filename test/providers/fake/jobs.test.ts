import OpenAI, { toFile } from 'openai';
import { describe, expect, it } from 'vitest';
import { chatJsonl, JOB_SECONDS, startFake, startJob, uploadJsonl } from './helpers.js';

describe('fake OpenAI: fine-tuning jobs', () => {
  it('moves a job validating_files -> queued -> running -> succeeded as the clock advances', async () => {
    const { client, fake } = await startFake();
    const job = await startJob(client, { examples: 12, body: { suffix: 'lsat', seed: 42, metadata: { run: 'r1' } } });
    expect(job).toMatchObject({
      object: 'fine_tuning.job',
      model: 'gpt-4o-mini-2024-07-18',
      status: 'validating_files',
      fine_tuned_model: null,
      finished_at: null,
      result_files: [],
      trained_tokens: null,
      seed: 42,
      metadata: { run: 'r1' },
      user_provided_suffix: 'lsat',
      hyperparameters: { n_epochs: 'auto', batch_size: 'auto', learning_rate_multiplier: 'auto' },
      // OpenAI's published document allows only null on a healthy job (not an object of nulls).
      error: null,
    });
    expect(job.id).toMatch(/^ftjob-[A-Za-z0-9]{24}$/);

    const statusAfter = async (seconds: number) => {
      fake.clock.advance(seconds);
      return client.fineTuning.jobs.retrieve(job.id);
    };
    expect((await statusAfter(30)).status).toBe('queued');
    const running = await statusAfter(30);
    expect(running.status).toBe('running');
    // 12 examples: auto epochs = min(25, 100 // 12) = 8 (openai-api.md §2.8).
    expect(running.hyperparameters).toEqual({ n_epochs: 8, batch_size: 1, learning_rate_multiplier: 1.8 });
    expect(running.method).toEqual({ type: 'supervised', supervised: { hyperparameters: { n_epochs: 8, batch_size: 1, learning_rate_multiplier: 1.8 } } });

    const done = await statusAfter(120);
    expect(done.status).toBe('succeeded');
    expect(done.error).toBeNull();
    expect(done.finished_at).toBe(job.created_at + JOB_SECONDS);
    expect(done.fine_tuned_model).toMatch(/^ft:gpt-4o-mini-2024-07-18:fake-org:lsat:[A-Za-z0-9]{8}$/);
    expect(done.result_files).toHaveLength(1);
    expect(done.trained_tokens).toBeGreaterThan(0);
    expect(done.estimated_finish).toBeNull();
  });

  it('leaves the suffix slot empty without a suffix and honours explicit hyperparameters', async () => {
    const { client, fake } = await startFake();
    const job = await startJob(client, { examples: 20, body: { method: { type: 'supervised', supervised: { hyperparameters: { n_epochs: 2, batch_size: 4 } } } } });
    fake.clock.advance(JOB_SECONDS);
    const done = await client.fineTuning.jobs.retrieve(job.id);
    expect(done.fine_tuned_model).toMatch(/^ft:gpt-4o-mini-2024-07-18:fake-org::[A-Za-z0-9]{8}$/);
    expect(done.hyperparameters).toEqual({ n_epochs: 2, batch_size: 4, learning_rate_multiplier: 1.8 });
  });

  it('runs a DPO job with beta resolved under method.dpo', async () => {
    const { client, fake } = await startFake();
    const line = JSON.stringify({
      input: { messages: [{ role: 'user', content: 'hi' }] },
      preferred_output: [{ role: 'assistant', content: 'good' }],
      non_preferred_output: [{ role: 'assistant', content: 'bad' }],
    });
    const file = await uploadJsonl(client, `${Array(10).fill(line).join('\n')}\n`, 'dpo.jsonl');
    const job = await client.fineTuning.jobs.create({ model: 'gpt-4.1-mini', training_file: file.id, method: { type: 'dpo' } });
    fake.clock.advance(JOB_SECONDS);
    const done = await client.fineTuning.jobs.retrieve(job.id);
    expect(done.status).toBe('succeeded');
    // The document requires an object ("only returned for supervised jobs"): empty for DPO.
    expect(done.hyperparameters).toEqual({});
    expect(done.method?.dpo?.hyperparameters).toMatchObject({ beta: 0.1, batch_size: 1 });
  });

  it('fails a job with fewer than 10 examples: invalid_n_examples on training_file', async () => {
    const { client, fake } = await startFake();
    const job = await startJob(client, { examples: 3 });
    expect(job.status).toBe('validating_files');
    fake.clock.advance(30);
    const failed = await client.fineTuning.jobs.retrieve(job.id);
    expect(failed.status).toBe('failed');
    expect(failed.error).toEqual({
      code: 'invalid_n_examples',
      param: 'training_file',
      message: 'Training file has 3 example(s), but must have at least 10 examples',
    });
    expect(failed.finished_at).toBe(job.created_at + 30);
    expect(failed.fine_tuned_model).toBeNull();
  });

  it('fails a job whose training file is unreadable or has no assistant message', async () => {
    const { client, fake } = await startFake();
    const broken = await uploadJsonl(client, `${chatJsonl(10)}{"messages": [\n`);
    const noAssistant = await uploadJsonl(client, `${Array(10).fill(JSON.stringify({ messages: [{ role: 'user', content: 'q' }] })).join('\n')}\n`);
    const a = await client.fineTuning.jobs.create({ model: 'gpt-4o-mini', training_file: broken.id });
    const b = await client.fineTuning.jobs.create({ model: 'gpt-4o-mini', training_file: noAssistant.id });
    fake.clock.advance(30);
    expect((await client.fineTuning.jobs.retrieve(a.id)).error).toMatchObject({ code: 'invalid_training_file', param: 'training_file', message: expect.stringContaining('Line 11') });
    expect((await client.fineTuning.jobs.retrieve(b.id)).error).toMatchObject({ code: 'invalid_training_file', message: expect.stringContaining('no assistant message') });
  });

  it('answers 400 for an unknown file id, a non-fine-tune file, and hyperparameters with method', async () => {
    const { client } = await startFake();
    await expect(client.fineTuning.jobs.create({ model: 'gpt-4o-mini', training_file: 'file-nope' })).rejects.toMatchObject({
      status: 400,
      type: 'invalid_request_error',
      param: 'training_file',
      message: '400 invalid training_file: file-nope',
    });
    const batch = await client.files.create({ file: await toFile(Buffer.from(chatJsonl(10)), 'b.jsonl'), purpose: 'batch' });
    await expect(client.fineTuning.jobs.create({ model: 'gpt-4o-mini', training_file: batch.id })).rejects.toMatchObject({ status: 400, param: 'training_file' });
    const file = await uploadJsonl(client, chatJsonl(10));
    const both = client.fineTuning.jobs.create({ model: 'gpt-4o-mini', training_file: file.id, hyperparameters: { n_epochs: 2 }, method: { type: 'supervised' } });
    await expect(both).rejects.toBeInstanceOf(OpenAI.BadRequestError);
    const badEpochs = client.fineTuning.jobs.create({ model: 'gpt-4o-mini', training_file: file.id, hyperparameters: { n_epochs: 99 } });
    await expect(badEpochs).rejects.toMatchObject({ status: 400, param: 'hyperparameters.n_epochs' });
    const metadata = Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`k${i}`, 'v']));
    await expect(client.fineTuning.jobs.create({ model: 'gpt-4o-mini', training_file: file.id, metadata })).rejects.toMatchObject({ status: 400, param: 'metadata' });
  });

  it('refuses unknown, shut-down and method-incompatible models, judged by the fake clock', async () => {
    const { client, fake } = await startFake();
    const file = await uploadJsonl(client, chatJsonl(10));
    const create = (model: string) => client.fineTuning.jobs.create({ model, training_file: file.id });
    await expect(create('gpt-9-ultra')).rejects.toMatchObject({ status: 400, param: 'model', code: 'model_not_available' });
    // gpt-4.1-nano shut down on 2026-10-23; the fake's clock says 2026-11-23.
    await expect(create('gpt-4.1-nano-2025-04-14')).rejects.toMatchObject({ status: 400, code: 'model_not_available', message: expect.stringContaining('shut down on 2026-10-23') });
    await expect(create('gpt-4o-mini')).resolves.toMatchObject({ status: 'validating_files' });
    // No new jobs for anyone from 2027-01-06.
    fake.clock.set('2027-01-06T00:00:00Z');
    await expect(create('gpt-4o-mini')).rejects.toMatchObject({ status: 400, code: 'fine_tuning_unavailable' });
  });

  it('trains a fine-tuned model further and refuses an ft: model it does not know', async () => {
    const { client, fake } = await startFake();
    const first = await startJob(client);
    fake.clock.advance(JOB_SECONDS);
    const model = (await client.fineTuning.jobs.retrieve(first.id)).fine_tuned_model!;
    const file = await uploadJsonl(client, chatJsonl(10));
    const second = await client.fineTuning.jobs.create({ model, training_file: file.id, suffix: 'round2' });
    expect(second.model).toBe(model);
    fake.clock.advance(JOB_SECONDS);
    expect((await client.fineTuning.jobs.retrieve(second.id)).fine_tuned_model).toMatch(/^ft:gpt-4o-mini-2024-07-18:fake-org:round2:/);
    await expect(client.fineTuning.jobs.create({ model: 'ft:gpt-4o-mini-2024-07-18:fake-org::unknown1', training_file: file.id })).rejects.toMatchObject({ status: 400 });
  });

  it('lists jobs newest first with an after cursor and a metadata filter', async () => {
    const { client } = await startFake();
    const file = await uploadJsonl(client, chatJsonl(10));
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push((await client.fineTuning.jobs.create({ model: 'gpt-4o-mini', training_file: file.id, metadata: { parity: i % 2 ? 'odd' : 'even' } })).id);
    }
    const first = await client.fineTuning.jobs.list({ limit: 2 });
    expect(first.data.map((j) => j.id)).toEqual([ids[4], ids[3]]);
    expect(first.has_more).toBe(true);
    const all: string[] = [];
    for await (const job of client.fineTuning.jobs.list({ limit: 2 })) all.push(job.id);
    expect(all).toEqual([...ids].reverse());
    const even = await client.fineTuning.jobs.list({ metadata: { parity: 'even' } });
    expect(even.data.map((j) => j.id)).toEqual([ids[4], ids[2], ids[0]]);
  });

  it('cancels from any non-terminal state and refuses to cancel a finished job', async () => {
    const { client, fake } = await startFake();
    const validating = await startJob(client);
    expect((await client.fineTuning.jobs.cancel(validating.id)).status).toBe('cancelled');
    const running = await startJob(client);
    fake.clock.advance(90);
    const cancelled = await client.fineTuning.jobs.cancel(running.id);
    expect(cancelled).toMatchObject({ status: 'cancelled', fine_tuned_model: null, error: null, finished_at: fake.clock.nowSeconds() });
    fake.clock.advance(JOB_SECONDS);
    expect((await client.fineTuning.jobs.retrieve(running.id)).status).toBe('cancelled');
    await expect(client.fineTuning.jobs.cancel(running.id)).rejects.toMatchObject({ status: 400 });
    await expect(client.fineTuning.jobs.retrieve('ftjob-missing')).rejects.toBeInstanceOf(OpenAI.NotFoundError);
  });

  it('pauses a running job (time stands still for it, shown queued as the document has no paused) and resumes it', async () => {
    const { client, fake } = await startFake();
    const job = await startJob(client);
    fake.clock.advance(90);
    await expect(client.fineTuning.jobs.pause(job.id)).resolves.toMatchObject({ status: 'queued', estimated_finish: null });
    fake.clock.advance(1000);
    expect((await client.fineTuning.jobs.retrieve(job.id)).status).toBe('queued');
    await expect(client.fineTuning.jobs.pause(job.id)).rejects.toMatchObject({ status: 400, message: expect.stringContaining('is paused; only running jobs can be paused') });
    await expect(client.fineTuning.jobs.resume(job.id)).resolves.toMatchObject({ status: 'running' });
    fake.clock.advance(89);
    expect((await client.fineTuning.jobs.retrieve(job.id)).status).toBe('running');
    fake.clock.advance(1);
    const done = await client.fineTuning.jobs.retrieve(job.id);
    expect(done).toMatchObject({ status: 'succeeded', finished_at: job.created_at + JOB_SECONDS + 1000 });
  });

  it('shows status paused, outside the document, only while faults.showPausedStatus() is armed', async () => {
    const { client, fake } = await startFake();
    const job = await startJob(client);
    const other = await startJob(client);
    fake.clock.advance(90);
    await client.fineTuning.jobs.pause(job.id);
    const paused = fake.faults.showPausedStatus();
    expect((await client.fineTuning.jobs.retrieve(job.id)).status).toBe('paused');
    // Only paused jobs are shown so, and only they count as hits.
    expect((await client.fineTuning.jobs.retrieve(other.id)).status).toBe('running');
    expect(paused.hits).toBe(1);
    paused.remove();
    expect((await client.fineTuning.jobs.retrieve(job.id)).status).toBe('queued');
    fake.faults.showPausedStatus();
    fake.reset();
    const again = await startJob(client);
    fake.clock.advance(90);
    await expect(client.fineTuning.jobs.pause(again.id)).resolves.toMatchObject({ status: 'queued' });
  });
});
