import { readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { startFake } from './helpers.js';

const chat = (client: OpenAI, i: number) => client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: `question ${i}` }] });

/** Resolves to the names of the promises in the order they settled. */
const settleOrder = async (named: Record<string, Promise<unknown>>): Promise<string[]> => {
  const order: string[] = [];
  await Promise.all(Object.entries(named).map(([name, p]) => p.then(() => order.push(name))));
  return order;
};

describe('fake OpenAI: chat latency (latencyMs)', () => {
  it('delays every chat answer on a timer, side by side: 16 concurrent requests take ~one latency, not sixteen', async () => {
    const latencyMs = 1_000;
    const { client } = await startFake({ latencyMs });
    const started = performance.now();
    const times = await Promise.all(
      Array.from({ length: 16 }, async (_, i) => {
        await chat(client, i);
        return performance.now() - started;
      }),
    );
    // Each waited at least the latency; all together far less than 16 waits one after another (16 s).
    expect(Math.min(...times)).toBeGreaterThanOrEqual(latencyMs - 5);
    expect(Math.max(...times)).toBeLessThan(8 * latencyMs);
  });

  it('does not delay other endpoints, batches or errors, and can be changed while running', async () => {
    const { client, fake } = await startFake({ latencyMs: 2_000 });
    const input = await client.files.create({
      file: await OpenAI.toFile(Buffer.from(`${JSON.stringify({ custom_id: 'a', method: 'POST', url: '/v1/chat/completions', body: { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] } })}\n`), 'in.jsonl'),
      purpose: 'batch',
    });
    const slowChat = chat(client, 1);
    const batchRun = (async () => {
      const batch = await client.batches.create({ input_file_id: input.id, endpoint: '/v1/chat/completions', completion_window: '24h' });
      fake.clock.advance(80);
      const done = await client.batches.retrieve(batch.id);
      expect(done.request_counts).toEqual({ total: 1, completed: 1, failed: 0 });
      await client.models.list();
    })();
    const badRequest = client.chat.completions.create({ model: 'no-such-model', messages: [{ role: 'user', content: 'x' }] }).catch((e: unknown) => e);
    expect(await settleOrder({ slowChat, batchRun, badRequest })).toEqual(['badRequest', 'batchRun', 'slowChat']);
    expect(await badRequest).toBeInstanceOf(OpenAI.NotFoundError);

    fake.config.latencyMs = 0;
    const started = performance.now();
    await chat(client, 2);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('releases waiting answers when the server closes: the request ends (logged, no status) at once', async () => {
    const log = join(await mkdtemp(join(tmpdir(), 'fake-openai-latency-')), 'requests.jsonl');
    const { client, fake } = await startFake({ latencyMs: 60_000, requestLog: log });
    const pending = chat(client, 3).catch((e: unknown) => e);
    while (fake.requests.length === 0 || fake.requests[0]!.body === null) await new Promise((r) => setImmediate(r));
    await fake.close();
    expect(await pending).toBeInstanceOf(OpenAI.APIConnectionError);
    // The handler finishes (and writes its line) as soon as its wait is cut short, not 60 s later.
    const deadline = performance.now() + 5_000;
    while (readFileSync(log, 'utf8') === '' && performance.now() < deadline) await new Promise((r) => setImmediate(r));
    expect(JSON.parse(readFileSync(log, 'utf8'))).toMatchObject({ path: '/v1/chat/completions', status: null });
  });

  it('refuses a negative latency', async () => {
    await expect(startFake({ latencyMs: -1 })).rejects.toThrow('latencyMs must be a number of milliseconds >= 0, got -1');
  });
});
