import { AzureOpenAI, toFile } from 'openai';
import { describe, expect, it } from 'vitest';
import { API_KEY, chatJsonl, JOB_SECONDS, startFake } from './helpers.js';

const API_VERSION = '2024-10-21';

describe('fake OpenAI: Azure URL shape (AzureOpenAI client)', () => {
  it('serves files, fine-tuning and deployment-addressed chat under /openai with api-key auth', async () => {
    const { fake } = await startFake({ azure: true, apiKey: API_KEY });
    const azure = new AzureOpenAI({ endpoint: fake.url, apiKey: API_KEY, apiVersion: API_VERSION, maxRetries: 0 });
    const file = await azure.files.create({ file: await toFile(Buffer.from(chatJsonl(10)), 'train.jsonl'), purpose: 'fine-tune' });
    const job = await azure.fineTuning.jobs.create({ model: 'gpt-4o-mini', training_file: file.id });
    fake.clock.advance(JOB_SECONDS);
    const done = await azure.fineTuning.jobs.retrieve(job.id);
    expect(done.status).toBe('succeeded');
    const events = await azure.fineTuning.jobs.listEvents(job.id, { limit: 2 });
    expect(events.data[0]!.message).toBe('The job has successfully completed');
    const chat = await azure.chat.completions.create({ model: done.fine_tuned_model!, messages: [{ role: 'user', content: 'hello' }] });
    expect(chat.model).toBe(done.fine_tuned_model);

    const paths = fake.requests.map((r) => `${r.method} ${r.path}`);
    expect(paths).toEqual([
      'POST /openai/files',
      'POST /openai/fine_tuning/jobs',
      `GET /openai/fine_tuning/jobs/${job.id}`,
      `GET /openai/fine_tuning/jobs/${job.id}/events`,
      `POST /openai/deployments/${done.fine_tuned_model}/chat/completions`,
    ]);
    for (const r of fake.requests) {
      expect(r).toMatchObject({ azure: true, query: { 'api-version': API_VERSION }, status: 200 });
      expect(Object.keys(r.headers)).not.toContain('api-key');
    }
    expect(JSON.stringify(fake.requests)).not.toContain(API_KEY);
  });

  it('takes the model from a client-level deployment', async () => {
    const { fake } = await startFake({ azure: true });
    const azure = new AzureOpenAI({ endpoint: fake.url, apiKey: 'azure-key', apiVersion: API_VERSION, deployment: 'gpt-4o-mini', maxRetries: 0 });
    const chat = await azure.chat.completions.create({ model: 'ignored-by-azure', messages: [{ role: 'user', content: 'hi' }] });
    expect(chat.model).toBe('gpt-4o-mini-2024-07-18');
    expect(fake.requests[0]!.route).toBe('/v1/chat/completions');
  });

  it('refuses the Azure shape when not enabled, and a request without api-version', async () => {
    const { fake } = await startFake({ azure: false });
    const azure = new AzureOpenAI({ endpoint: fake.url, apiKey: 'k', apiVersion: API_VERSION, maxRetries: 0 });
    await expect(azure.files.list()).rejects.toMatchObject({ status: 401 });
    const { fake: enabled } = await startFake({ azure: true });
    const res = await fetch(`${enabled.url}/openai/files`, { headers: { 'api-key': 'k' } });
    expect(res.status).toBe(404);
  });
});
