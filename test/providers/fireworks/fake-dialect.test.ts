import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FakeOpenAI } from '../../../src/providers/fake/index.js';
import { chatJsonl } from '../fake/helpers.js';
import { ACCOUNT, KEY, MODEL, startFireworksFake } from './helpers.js';

/** The fake's Fireworks dialect on the wire, as a plain HTTP client sees it. */
const api = (fake: FakeOpenAI) => {
  const base = `${fake.url}/v1/accounts/${ACCOUNT}`;
  const call = async (method: string, path: string, body?: unknown) => {
    const init: RequestInit = { method, headers: { authorization: `Bearer ${KEY}` } };
    if (body instanceof FormData) init.body = body;
    else if (body !== undefined) {
      init.body = JSON.stringify(body);
      (init.headers as Record<string, string>)['content-type'] = 'application/json';
    }
    const res = await fetch(`${base}${path}`, init);
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const upload = (id: string, text: string) => {
    const form = new FormData();
    form.append('file', new Blob([text]), 'train.jsonl');
    return call('POST', `/datasets/${id}:upload`, form);
  };
  return { call, upload };
};

describe("the fake's Fireworks dialect", () => {
  it('datasets: created UPLOADING, READY after :upload, ids checked, a second create or upload refused', async () => {
    const fake = await startFireworksFake();
    const { call, upload } = api(fake);
    const created = await call('POST', '/datasets', { datasetId: 'my-data', dataset: { displayName: 'mine', format: 'CHAT' } });
    expect(created).toEqual({
      status: 200,
      body: {
        name: `accounts/${ACCOUNT}/datasets/my-data`, displayName: 'mine', createTime: '2026-12-02T12:00:00Z', updateTime: '2026-12-02T12:00:00Z',
        state: 'UPLOADING', status: { code: 'OK', message: '' }, exampleCount: '0', userUploaded: {}, format: 'CHAT',
      },
    });
    expect(await upload('my-data', chatJsonl(12))).toEqual({ status: 200, body: { id: 'my-data', object: 'file', bytes: Buffer.byteLength(chatJsonl(12)), created_at: 1_796_212_800, filename: 'train.jsonl', purpose: 'fine-tune' } });
    expect((await call('GET', '/datasets/my-data')).body).toMatchObject({ state: 'READY', exampleCount: '12' });
    expect(await call('POST', '/datasets', { datasetId: 'my-data', dataset: {} })).toEqual({ status: 409, body: { code: 6, message: `Dataset "accounts/${ACCOUNT}/datasets/my-data" already exists`, details: [] } });
    expect((await upload('my-data', chatJsonl(12))).body).toEqual({ code: 9, message: `Dataset "accounts/${ACCOUNT}/datasets/my-data" is already uploaded (state READY)`, details: [] });
    expect((await call('POST', '/datasets', { datasetId: 'My_Data', dataset: {} })).status).toBe(400);
    expect((await call('POST', '/datasets', { datasetId: 'a'.repeat(64), dataset: {} })).status).toBe(400);
    expect(await call('GET', '/datasets/nope')).toEqual({ status: 404, body: { code: 5, message: `Dataset "accounts/${ACCOUNT}/datasets/nope" not found`, details: [] } });
    expect((await call('GET', '/datasets?pageSize=1')).body).toMatchObject({ datasets: [{ name: `accounts/${ACCOUNT}/datasets/my-data` }], nextPageToken: '', totalSize: 1 });
  });

  it('jobs: refused on an unready dataset, an unknown field or base model; then the states in order with progress', async () => {
    const fake = await startFireworksFake();
    const { call, upload } = api(fake);
    await call('POST', '/datasets', { datasetId: 'd1', dataset: {} });
    const body = { baseModel: MODEL, dataset: `accounts/${ACCOUNT}/datasets/d1`, epochs: 1, displayName: 'mine' };
    expect((await call('POST', '/supervisedFineTuningJobs?supervisedFineTuningJobId=j1', body)).body).toEqual({
      code: 9, message: `dataset "accounts/${ACCOUNT}/datasets/d1" is not ready (state UPLOADING): upload its file first`, details: [],
    });
    await upload('d1', chatJsonl(10));
    // snake_case is not Fireworks' JSON: proto JSON refuses a field it does not know.
    expect((await call('POST', '/supervisedFineTuningJobs?supervisedFineTuningJobId=j1', { ...body, base_model: MODEL })).body).toMatchObject({ code: 3, message: 'unknown field "base_model" in SupervisedFineTuningJob' });
    expect((await call('POST', '/supervisedFineTuningJobs?supervisedFineTuningJobId=j1', { ...body, baseModel: 'gpt-4o-mini' })).body).toMatchObject({ code: 3 });
    expect((await call('POST', '/supervisedFineTuningJobs?supervisedFineTuningJobId=J_1', body)).status).toBe(400);

    const created = await call('POST', '/supervisedFineTuningJobs?supervisedFineTuningJobId=j1', { ...body, loraRank: 16, learningRate: 0.0001 });
    expect(created.body).toMatchObject({
      name: `accounts/${ACCOUNT}/supervisedFineTuningJobs/j1`, displayName: 'mine', state: 'JOB_STATE_VALIDATING', baseModel: MODEL,
      outputModel: `accounts/${ACCOUNT}/models/j1`, loraRank: 16, learningRate: 0.0001, epochs: 1, jobProgress: { percent: 0, epoch: 0 },
    });
    expect((await call('POST', '/supervisedFineTuningJobs?supervisedFineTuningJobId=j1', body)).status).toBe(409);
    const states: string[] = [];
    for (const step of [40, 60, 60, 60]) {
      fake.clock.advance(step);
      states.push(String((await call('GET', '/supervisedFineTuningJobs/j1')).body['state']));
    }
    expect(states).toEqual(['JOB_STATE_PENDING', 'JOB_STATE_RUNNING', 'JOB_STATE_RUNNING', 'JOB_STATE_COMPLETED']);
    const done = (await call('GET', '/supervisedFineTuningJobs/j1')).body;
    expect(done).toMatchObject({ completedTime: '2026-12-02T12:03:00Z', jobProgress: { percent: 100, epoch: 0, inputTokens: expect.any(Number) } });
    expect(String(done['metricsFileSignedUrl'])).toMatch(/^\/v1\/fake-signed-urls\/acme-labs\/j1\/metrics\.jsonl\?X-Goog-Signature=/);
    const list = (await call('GET', '/supervisedFineTuningJobs?pageSize=10')).body;
    expect(list).toMatchObject({ supervisedFineTuningJobs: [{ name: `accounts/${ACCOUNT}/supervisedFineTuningJobs/j1` }], nextPageToken: '', totalSize: 1 });
  });

  it('a job failing mid-run (the core fault switch) reads JOB_STATE_FAILED with its message', async () => {
    const fake = await startFireworksFake();
    const { call, upload } = api(fake);
    await call('POST', '/datasets', { datasetId: 'd1', dataset: {} });
    await upload('d1', chatJsonl(10));
    fake.faults.failJobs({ atFraction: 0.5, message: 'The trainer ran out of memory.' });
    await call('POST', '/supervisedFineTuningJobs?supervisedFineTuningJobId=j1', { baseModel: MODEL, dataset: `accounts/${ACCOUNT}/datasets/d1` });
    fake.clock.advance(300);
    expect((await call('GET', '/supervisedFineTuningJobs/j1')).body).toMatchObject({ state: 'JOB_STATE_FAILED', status: { code: 'INTERNAL', message: 'The trainer ran out of memory.' } });
  });

  it('--request-log writes one line per request on these paths, the :upload suffix kept', async () => {
    const log = join(mkdtempSync(join(tmpdir(), 'fw-log-')), 'requests.jsonl');
    const fake = await startFireworksFake({ requestLog: log });
    const { call, upload } = api(fake);
    await call('POST', '/datasets', { datasetId: 'd1', dataset: {} });
    await upload('d1', chatJsonl(10));
    await fake.close();
    const lines = readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => `${l['method']} ${l['path']} ${l['status']}`)).toEqual([`POST /v1/accounts/${ACCOUNT}/datasets 200`, `POST /v1/accounts/${ACCOUNT}/datasets/d1:upload 200`]);
    expect(lines.every((l) => typeof l['bodySha256'] === 'string' && (l['bodySha256'] as string).length === 64)).toBe(true);
    expect(readFileSync(log, 'utf8')).not.toContain(KEY);
  });
});
