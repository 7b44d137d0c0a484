import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { runFakeOpenai } from '../../../src/cli/fake-openai-command.js';
import { UsageError } from '../../../src/pipeline/errors.js';
import { captureIo } from '../../helpers/capture-io.js';

describe('tuneset fake-openai', () => {
  it('prints the base URL to use, serves the SDK, and stops when told to', async () => {
    const { io, stdout, stderr } = captureIo();
    const stop = new AbortController();
    const running = runFakeOpenai(['--time-scale', '0', '--api-key', 'sk-cli-test'], io, stop.signal);
    // The banner is written once the server listens; poll the captured output without sleeping.
    while (!stdout().includes('OPENAI_BASE_URL=')) await new Promise((r) => setImmediate(r));
    const baseURL = /OPENAI_BASE_URL=(\S+)/.exec(stdout())![1]!;
    expect(baseURL).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    expect(stdout()).toContain('simulated time 2026-11-23T12:00:00.000Z');
    const client = new OpenAI({ apiKey: 'sk-cli-test', baseURL, maxRetries: 0 });
    expect((await client.models.list()).data.length).toBeGreaterThan(0);
    stop.abort();
    expect(await running).toBe(0);
    expect(stderr()).toContain('stopped after 1 request(s)');
    await expect(client.models.list()).rejects.toBeInstanceOf(OpenAI.APIConnectionError);
  });

  it('--latency-ms delays chat answers and --request-log writes one line per request', async () => {
    const { io, stdout } = captureIo();
    const log = join(await mkdtemp(join(tmpdir(), 'fake-openai-cli-')), 'requests.jsonl');
    const stop = new AbortController();
    const running = runFakeOpenai(['--time-scale', '0', '--latency-ms', '150', '--request-log', log], io, stop.signal);
    while (!stdout().includes('OPENAI_BASE_URL=')) await new Promise((r) => setImmediate(r));
    expect(stdout()).toContain('Chat answers wait 150 ms.');
    expect(stdout()).toContain(`Requests are logged to ${log}.`);
    const client = new OpenAI({ apiKey: 'sk-any', baseURL: /OPENAI_BASE_URL=(\S+)/.exec(stdout())![1]!, maxRetries: 0 });
    const started = performance.now();
    await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] });
    expect(performance.now() - started).toBeGreaterThanOrEqual(145);
    await client.models.list();
    stop.abort();
    expect(await running).toBe(0);
    const lines = readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { method: string; path: string; status: number; ms: number });
    expect(lines.map((l) => [l.method, l.path, l.status])).toEqual([
      ['POST', '/v1/chat/completions', 200],
      ['GET', '/v1/models', 200],
    ]);
    expect(lines[0]!.ms).toBeGreaterThanOrEqual(145);
  });

  it('--answer-key reads a chat file: a keyed free-text prompt gets words of its reference, an unkeyed one the fixed reply', async () => {
    const { io, stdout } = captureIo();
    const dir = await mkdtemp(join(tmpdir(), 'fake-openai-cli-'));
    const reference = 'Run osprey mount with an empty folder. Every snapshot then shows as a read-only tree.';
    const key = join(dir, 'validation.jsonl');
    writeFileSync(key, `${JSON.stringify({ messages: [{ role: 'user', content: 'Can I browse a snapshot?' }, { role: 'assistant', content: reference }] })}\n`);
    await expect(runFakeOpenai(['--answer-key', join(dir, 'missing.jsonl')], io, AbortSignal.abort())).rejects.toThrow(`--answer-key ${join(dir, 'missing.jsonl')}: file not found`);
    const broken = join(dir, 'broken.jsonl');
    writeFileSync(broken, `${readFileSync(key, 'utf8')}{"messages": [\n`);
    await expect(runFakeOpenai(['--answer-key', broken], io, AbortSignal.abort())).rejects.toThrow(new RegExp(`^--answer-key ${broken}: line 2 is not JSON: `));
    const stop = new AbortController();
    const running = runFakeOpenai(['--time-scale', '0', '--answer-key', key], io, stop.signal);
    while (!stdout().includes('OPENAI_BASE_URL=')) await new Promise((r) => setImmediate(r));
    const client = new OpenAI({ apiKey: 'sk-any', baseURL: /OPENAI_BASE_URL=(\S+)/.exec(stdout())![1]!, maxRetries: 0 });
    const ask = async (content: string) => (await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content }] })).choices[0]!.message.content!;
    const keyed = await ask('Can I browse a snapshot?');
    // A base model: some words of the reference's first sentence, in order.
    const first = 'Run osprey mount with an empty folder.'.split(' ');
    expect(keyed.split(' ').every((w) => first.includes(w))).toBe(true);
    expect(keyed.split(' ').length).toBeLessThan(first.length);
    expect(await ask('Something else?')).toMatch(/^Deterministic reply from the fake OpenAI server/);
    stop.abort();
    expect(await running).toBe(0);
  });

  it('prints help and refuses bad options with usage errors', async () => {
    const { io, stdout } = captureIo();
    expect(await runFakeOpenai(['--help'], io, AbortSignal.abort())).toBe(0);
    expect(stdout()).toContain('Usage: tuneset fake-openai');
    expect(stdout()).toContain('--latency-ms N');
    expect(stdout()).toContain('--request-log F');
    await expect(runFakeOpenai(['--latency-ms=-5'], io, AbortSignal.abort())).rejects.toThrow('--latency-ms expects a whole number >= 0, got "-5"');
    await expect(runFakeOpenai(['--time-scale', 'fast'], io, AbortSignal.abort())).rejects.toBeInstanceOf(UsageError);
    await expect(runFakeOpenai(['--now', 'yesterday'], io, AbortSignal.abort())).rejects.toBeInstanceOf(UsageError);
    await expect(runFakeOpenai(['extra'], io, AbortSignal.abort())).rejects.toBeInstanceOf(UsageError);
  });
});
