import { createHash } from 'node:crypto';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { API_KEY, startFake } from './helpers.js';

const sha256 = (bytes: string | Buffer) => createHash('sha256').update(bytes).digest('hex');
const tmpLog = async () => join(await mkdtemp(join(tmpdir(), 'fake-openai-log-')), 'sub', 'requests.jsonl');
const readLines = async (path: string) =>
  (await readFile(path, 'utf8'))
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('fake OpenAI: the request log file (requestLog)', () => {
  it('appends one line per request when it is answered: real time, simulated time, method, path, status, body sha256', async () => {
    const path = await tmpLog();
    const { client, fake } = await startFake({ requestLog: path });
    const body = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'What is 2 plus 2?' }] };
    const before = Date.now();
    await client.chat.completions.create(body);
    await client.models.list();
    fake.clock.advance(90);
    await client.chat.completions.create({ model: 'no-such-model', messages: body.messages }).catch(() => undefined);

    const lines = await readLines(path);
    expect(lines).toHaveLength(3);
    expect(Object.keys(lines[0]!)).toEqual(['time', 'at', 'method', 'path', 'status', 'bodySha256', 'requestId', 'ms']);
    // The SDK sends the body as JSON.stringify writes it; the log hashes exactly those bytes.
    expect(lines[0]).toMatchObject({ at: '2026-11-23T12:00:00.000Z', method: 'POST', path: '/v1/chat/completions', status: 200, bodySha256: sha256(JSON.stringify(body)) });
    expect(lines[1]).toMatchObject({ method: 'GET', path: '/v1/models', status: 200, bodySha256: sha256('') });
    expect(lines[2]).toMatchObject({ at: '2026-11-23T12:01:30.000Z', status: 404 });
    expect(Date.parse(lines[0]!['time'] as string)).toBeGreaterThanOrEqual(before - 1000);
    expect(lines.map((l) => l['requestId'])).toEqual(fake.requests.map((r) => r.requestId));
    expect(fake.requests[0]!.bodySha256).toBe(lines[0]!['bodySha256']);
    const text = await readFile(path, 'utf8');
    expect(text).not.toContain(API_KEY);
    expect(text).not.toContain('What is 2 plus 2');
    expect(text).not.toContain('authorization');
  });

  it('counts what a run paid for: retried 429s, a dropped answer (status null) and a resent body', async () => {
    const path = await tmpLog();
    const { client, fake } = await startFake({ requestLog: path });
    const retrying = client.withOptions({ maxRetries: 2 });
    const body = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'Label this ticket.' }] };
    fake.faults.rateLimit('POST /v1/chat/completions', { times: 1 });
    await retrying.chat.completions.create(body);
    fake.faults.drop('POST /v1/chat/completions', { times: 1 });
    await retrying.chat.completions.create(body);

    const chat = (await readLines(path)).filter((l) => l['path'] === '/v1/chat/completions');
    expect(chat.map((l) => l['status'])).toEqual([429, 200, null, 200]);
    expect(new Set(chat.map((l) => l['bodySha256']))).toEqual(new Set([sha256(JSON.stringify(body))]));
    // The check a benchmark makes: this body was answered 200 twice (the client asked twice).
    expect(chat.filter((l) => l['status'] === 200)).toHaveLength(2);
  });

  it('logs status null for an answer its client gave up on while it waited (timeout during latency)', async () => {
    const path = await tmpLog();
    const { client } = await startFake({ requestLog: path, latencyMs: 400 });
    const error = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }, { timeout: 50 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.APIConnectionTimeoutError);
    const deadline = performance.now() + 5_000;
    while ((await readFile(path, 'utf8')) === '' && performance.now() < deadline) await new Promise((r) => setImmediate(r));
    expect(await readLines(path)).toEqual([expect.objectContaining({ path: '/v1/chat/completions', status: null, ms: expect.any(Number) })]);
    expect((await readLines(path))[0]!['ms']).toBeGreaterThanOrEqual(395);
  });

  it('keeps earlier lines (appends), survives reset(), and refuses a path it cannot write at start', async () => {
    const path = await tmpLog();
    const first = await startFake({ requestLog: path });
    await first.client.models.list();
    first.fake.reset();
    await first.client.models.list();
    await first.fake.close();
    const second = await startFake({ requestLog: path });
    await second.client.models.list();
    expect(await readLines(path)).toHaveLength(3);
    await expect(startFake({ requestLog: join(path, 'not-a-dir', 'x.jsonl') })).rejects.toMatchObject({ code: 'ENOTDIR' });
  });

  it('hashes an upload refused as too large over all its bytes', async () => {
    const path = await tmpLog();
    const { fake } = await startFake({ requestLog: path, maxUploadBytes: 10 });
    const body = JSON.stringify({ padding: 'x'.repeat(100) });
    const res = await fetch(`${fake.baseURL}/chat/completions`, { method: 'POST', headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' }, body });
    expect(res.status).toBe(413);
    const [line] = await readLines(path);
    expect(line).toMatchObject({ status: 413, bodySha256: sha256(body) });
  });
});
