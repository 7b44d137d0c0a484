import { describe, expect, it } from 'vitest';
import { goDuration } from '../../../src/providers/fake/rate-limits.js';
import { startFake } from './helpers.js';

const HEADERS = ['limit-requests', 'remaining-requests', 'reset-requests', 'limit-tokens', 'remaining-tokens', 'reset-tokens'].map((h) => `x-ratelimit-${h}`);

describe('fake OpenAI: usage and x-ratelimit headers on chat answers', () => {
  it('counts requests and tokens down within a simulated minute, and resets with the next one', async () => {
    const { client, fake } = await startFake({ now: '2026-11-23T12:00:15Z', rateLimits: { requestsPerMinute: 500, tokensPerMinute: 200_000 } });
    const ask = () => client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'What is 2 plus 2?' }] }).withResponse();
    const first = await ask();
    const usage = first.data.usage!;
    expect(usage.total_tokens).toBe(usage.prompt_tokens + usage.completion_tokens);
    expect(usage.prompt_tokens).toBeGreaterThan(0);
    expect(Object.fromEntries(HEADERS.map((h) => [h, first.response.headers.get(h)]))).toEqual({
      'x-ratelimit-limit-requests': '500',
      'x-ratelimit-remaining-requests': '499',
      'x-ratelimit-reset-requests': '45s',
      'x-ratelimit-limit-tokens': '200000',
      'x-ratelimit-remaining-tokens': String(200_000 - usage.total_tokens),
      'x-ratelimit-reset-tokens': '45s',
    });
    fake.clock.advance(44.25);
    const second = await ask();
    expect(second.response.headers.get('x-ratelimit-remaining-requests')).toBe('498');
    expect(second.response.headers.get('x-ratelimit-remaining-tokens')).toBe(String(200_000 - 2 * usage.total_tokens));
    expect(second.response.headers.get('x-ratelimit-reset-requests')).toBe('750ms');
    fake.clock.advance(1);
    const third = await ask();
    expect(third.response.headers.get('x-ratelimit-remaining-requests')).toBe('499');
    expect(third.response.headers.get('x-ratelimit-reset-requests')).toBe('59.75s');
  });

  it('sends them on chat answers only, with high defaults', async () => {
    const { client } = await startFake();
    const chat = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }).withResponse();
    expect(chat.response.headers.get('x-ratelimit-limit-requests')).toBe('30000');
    expect(chat.response.headers.get('x-ratelimit-limit-tokens')).toBe('150000000');
    const models = await client.models.list().withResponse();
    expect(models.response.headers.get('x-ratelimit-limit-requests')).toBeNull();
    await expect(startFake({ rateLimits: { requestsPerMinute: 0 } })).rejects.toThrow('requestsPerMinute must be a whole number > 0, got 0');
  });

  it('writes reset times as Go durations', () => {
    expect([0, 6, 999, 1000, 12_500, 60_000, 61_250, 360_000].map(goDuration)).toEqual(['0s', '6ms', '999ms', '1s', '12.5s', '1m0s', '1m1.25s', '6m0s']);
  });
});
