import { createReadStream } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI, { APIError } from 'openai';
import { describe, expect, it } from 'vitest';
import { chatJsonl, startFake, startJob, uploadJsonl } from './helpers.js';

const listFiles = (client: OpenAI) => client.files.list();

describe('fake OpenAI: fault switches', () => {
  it('429: RateLimitError without retries; the SDK recovers with retries (retry-after-ms: 0)', async () => {
    const { fake, client } = await startFake();
    fake.faults.rateLimit('GET /v1/files', { times: 1 });
    const error = await listFiles(client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect(error).toMatchObject({ status: 429, code: 'rate_limit_exceeded', type: 'requests' });
    expect((error as APIError).headers?.get('retry-after-ms')).toBe('0');
    expect((error as APIError).headers?.get('retry-after')).toBe('0');
    expect((error as APIError).requestID).toMatch(/^req_[0-9a-f]{32}$/);

    const fault = fake.faults.rateLimit('GET /v1/files', { times: 2 });
    const retrying = client.withOptions({ maxRetries: 2 });
    await expect(listFiles(retrying)).resolves.toBeDefined();
    expect(fault.hits).toBe(2);
    const tail = fake.requests.slice(-3);
    expect(tail.map((r) => r.status)).toEqual([429, 429, 200]);
    expect(tail.map((r) => r.headers['x-stainless-retry-count'])).toEqual(['0', '1', '2']);
    expect(tail[0]!.faults).toEqual([`rate_limit#${fault.id}`]);
  });

  it('500: InternalServerError without retries; recovered with retries; x-should-retry:false stops the SDK', async () => {
    const { fake, client } = await startFake();
    fake.faults.serverError('/v1/files*', { times: 1 });
    await expect(listFiles(client)).rejects.toBeInstanceOf(OpenAI.InternalServerError);
    fake.faults.serverError('/v1/files*', { times: 1 });
    await expect(listFiles(client.withOptions({ maxRetries: 1 }))).resolves.toBeDefined();
    fake.faults.serverError(undefined, { times: 5, shouldRetry: false });
    await expect(listFiles(client.withOptions({ maxRetries: 3 }))).rejects.toBeInstanceOf(OpenAI.InternalServerError);
    expect(fake.requests.at(-1)!.headers['x-stainless-retry-count']).toBe('0');
  });

  it('answers any status and quota exhaustion as configured', async () => {
    const { fake, client } = await startFake();
    fake.faults.add({ kind: 'status', status: 409, match: 'POST /v1/fine_tuning/jobs', times: 1 });
    fake.faults.add({ kind: 'quota', match: '/v1/models', times: 1 });
    await expect(client.fineTuning.jobs.create({ model: 'gpt-4o-mini', training_file: 'file-x' })).rejects.toBeInstanceOf(OpenAI.ConflictError);
    await expect(client.models.list()).rejects.toMatchObject({ status: 429, code: 'insufficient_quota', type: 'insufficient_quota' });
  });

  it('drops the connection: APIConnectionError without retries, recovered with one', async () => {
    const { fake, client } = await startFake();
    fake.faults.drop('GET /v1/files', { times: 1 });
    await expect(listFiles(client)).rejects.toBeInstanceOf(OpenAI.APIConnectionError);
    expect(fake.requests.at(-1)!.status).toBeNull();
    fake.faults.drop('GET /v1/files', { times: 1 });
    await expect(listFiles(client.withOptions({ maxRetries: 1 }))).resolves.toBeDefined();
    expect(fake.requests.slice(-2).map((r) => r.status)).toEqual([null, 200]);
  });

  it('slows responses: the SDK times out (APIConnectionTimeoutError)', async () => {
    const { fake, client } = await startFake();
    fake.faults.slow(5_000, 'GET /v1/models', { times: 1 });
    await expect(client.models.list({ timeout: 100 })).rejects.toBeInstanceOf(OpenAI.APIConnectionTimeoutError);
    await expect(client.models.list()).resolves.toBeDefined();
  });

  it('draws probabilistic faults from the seeded PRNG: the same seed hits the same requests', async () => {
    const pattern = async (seed: number) => {
      const { fake, client } = await startFake({ seed });
      fake.faults.serverError('GET /v1/models', { probability: 0.5 });
      const outcome: boolean[] = [];
      for (let i = 0; i < 20; i++) outcome.push(await client.models.list().then(() => true, () => false));
      return outcome;
    };
    const first = await pattern(7);
    expect(await pattern(7)).toEqual(first);
    const failures = first.filter((ok) => !ok).length;
    expect(failures).toBeGreaterThan(3);
    expect(failures).toBeLessThan(17);
  });

  it('never retries a streamed upload, even with retries allowed (the SDK cannot replay a stream)', async () => {
    const { fake, client } = await startFake();
    const dir = await mkdtemp(join(tmpdir(), 'fake-openai-'));
    const path = join(dir, 'train.jsonl');
    await writeFile(path, chatJsonl(10));
    fake.faults.rateLimit('POST /v1/files', { times: 1 });
    const upload = client.withOptions({ maxRetries: 2 }).files.create({ file: createReadStream(path), purpose: 'fine-tune' });
    await expect(upload).rejects.toBeInstanceOf(OpenAI.RateLimitError);
    expect(fake.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it('fails a job mid-run when failJobs is armed, then leaves later jobs alone', async () => {
    const { fake, client } = await startFake();
    const failures = fake.faults.failJobs({ times: 1, atFraction: 0.5, code: 'server_error', message: 'The job failed due to an internal error.' });
    const doomed = await startJob(client);
    const healthy = await startJob(client);
    fake.clock.advance(60 + 59);
    expect((await client.fineTuning.jobs.retrieve(doomed.id)).status).toBe('running');
    fake.clock.advance(1);
    const failed = await client.fineTuning.jobs.retrieve(doomed.id);
    expect(failed).toMatchObject({ status: 'failed', fine_tuned_model: null, error: { code: 'server_error', message: 'The job failed due to an internal error.', param: null } });
    expect(failed.finished_at).toBe(doomed.created_at + 120);
    const [newest] = (await client.fineTuning.jobs.listEvents(doomed.id)).data;
    expect(newest).toMatchObject({ level: 'error', message: 'Fine-tuning job failed: The job failed due to an internal error.' });
    fake.clock.advance(60);
    expect((await client.fineTuning.jobs.retrieve(healthy.id)).status).toBe('succeeded');
    expect(failures.hits).toBe(1);
  });

  it('429 storms and 500s on POST /v1/chat/completions: retry-after(-ms) sent, the SDK waits and recovers', async () => {
    const { fake, client } = await startFake();
    const storm = fake.faults.rateLimit('POST /v1/chat/completions', { times: 3, retryAfterMs: 30 });
    const ask = () => client.withOptions({ maxRetries: 4 }).chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] });
    const started = performance.now();
    await expect(ask()).resolves.toMatchObject({ object: 'chat.completion' });
    // Three waits of retry-after-ms (30 ms), not the SDK's default backoff of 0.5 s and more.
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(85);
    expect(elapsed).toBeLessThan(1_400);
    expect(storm.hits).toBe(3);
    expect(fake.requests.map((r) => [r.status, r.headers['x-stainless-retry-count']])).toEqual([
      [429, '0'],
      [429, '1'],
      [429, '2'],
      [200, '3'],
    ]);
    fake.faults.rateLimit('POST /v1/chat/completions', { times: 1, retryAfterMs: 1500 });
    const error = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect([(error as APIError).headers?.get('retry-after-ms'), (error as APIError).headers?.get('retry-after')]).toEqual(['1500', '2']);
    fake.faults.serverError('POST /v1/chat/completions', { times: 2 });
    await expect(ask()).resolves.toMatchObject({ object: 'chat.completion' });
    expect(fake.requests.slice(-3).map((r) => r.status)).toEqual([500, 500, 200]);
  });

  it('matches only the endpoint pattern, and remove() disarms a switch', async () => {
    const { fake, client } = await startFake();
    const fault = fake.faults.rateLimit('POST /v1/files');
    await expect(listFiles(client)).resolves.toBeDefined();
    await expect(uploadJsonl(client, chatJsonl(1))).rejects.toBeInstanceOf(OpenAI.RateLimitError);
    fault.remove();
    await expect(uploadJsonl(client, chatJsonl(1))).resolves.toMatchObject({ object: 'file' });
    fake.reset();
    expect(fake.faults.list()).toEqual([]);
  });
});
