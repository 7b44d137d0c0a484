import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { API_KEY, chatJsonl, startFake, uploadJsonl } from './helpers.js';

describe('fake OpenAI: authentication, errors and the request log', () => {
  it('answers 401 in the error envelope, with x-request-id, when no key is sent', async () => {
    const { fake } = await startFake();
    const res = await fetch(`${fake.baseURL}/files`);
    expect(res.status).toBe(401);
    expect(res.headers.get('x-request-id')).toMatch(/^req_/);
    expect(await res.json()).toEqual({
      error: { message: expect.stringContaining("You didn't provide an API key"), type: 'invalid_request_error', param: null, code: null },
    });
  });

  it('accepts only the configured key: AuthenticationError (invalid_api_key) otherwise, the key masked', async () => {
    const { fake } = await startFake({ apiKey: API_KEY });
    const wrongKey = 'sk-test-wrong-key-value-9876';
    const wrong = new OpenAI({ apiKey: wrongKey, baseURL: fake.baseURL, maxRetries: 0 });
    const error = await wrong.files.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
    expect(error).toMatchObject({ status: 401, code: 'invalid_api_key' });
    expect((error as Error).message).not.toContain(wrongKey);
    expect((error as Error).message).toContain('9876');
    const right = new OpenAI({ apiKey: API_KEY, baseURL: fake.baseURL, maxRetries: 0 });
    await expect(right.files.list()).resolves.toBeDefined();
  });

  it('answers an unknown path like the API ("Invalid URL")', async () => {
    const { client } = await startFake();
    await expect(client.get('/no/such/thing')).rejects.toMatchObject({ status: 404, message: '404 Invalid URL (GET /v1/no/such/thing)' });
  });

  it('logs method, path, query, body summary, headers and status, and never the API key', async () => {
    const { fake, client } = await startFake();
    const file = await uploadJsonl(client, chatJsonl(10));
    await client.fineTuning.jobs.create({ model: 'gpt-4o-mini', training_file: file.id, suffix: 'logged' });
    await client.fineTuning.jobs.list({ limit: 3 });
    await client.fineTuning.jobs.retrieve('ftjob-missing').catch(() => undefined);

    const [upload, create, list, missing] = fake.requests;
    expect(upload).toMatchObject({
      method: 'POST',
      path: '/v1/files',
      route: '/v1/files',
      status: 200,
      azure: false,
      body: { fields: { purpose: 'fine-tune' }, files: [{ field: 'file', filename: 'train.jsonl', bytes: Buffer.byteLength(chatJsonl(10)) }] },
    });
    expect(create).toMatchObject({ method: 'POST', body: { model: 'gpt-4o-mini', training_file: file.id, suffix: 'logged' }, status: 200 });
    expect(list).toMatchObject({ method: 'GET', path: '/v1/fine_tuning/jobs', query: { limit: '3' }, body: null });
    expect(missing!.status).toBe(404);
    expect(upload!.headers['user-agent']).toMatch(/^OpenAI\/JS /);
    expect(upload!.requestId).toMatch(/^req_/);
    expect(upload!.at).toBe('2026-11-23T12:00:00.000Z');

    for (const entry of fake.requests) expect(Object.keys(entry.headers)).not.toContain('authorization');
    expect(JSON.stringify(fake.requests)).not.toContain(API_KEY);
    expect(JSON.stringify(fake.requests)).not.toContain('Bearer');
  });

  it('reset() forgets objects and the log but keeps serving', async () => {
    const { fake, client } = await startFake();
    await uploadJsonl(client, chatJsonl(10));
    fake.reset();
    expect(fake.requests).toHaveLength(0);
    expect((await client.files.list()).data).toEqual([]);
    expect(fake.state.files.size).toBe(0);
  });
});
