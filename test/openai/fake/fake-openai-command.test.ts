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

  it('prints help and refuses bad options with usage errors', async () => {
    const { io, stdout } = captureIo();
    expect(await runFakeOpenai(['--help'], io, AbortSignal.abort())).toBe(0);
    expect(stdout()).toContain('Usage: tuneset fake-openai');
    await expect(runFakeOpenai(['--time-scale', 'fast'], io, AbortSignal.abort())).rejects.toBeInstanceOf(UsageError);
    await expect(runFakeOpenai(['--now', 'yesterday'], io, AbortSignal.abort())).rejects.toBeInstanceOf(UsageError);
    await expect(runFakeOpenai(['extra'], io, AbortSignal.abort())).rejects.toBeInstanceOf(UsageError);
  });
});
