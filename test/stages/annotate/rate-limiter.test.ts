import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RateLimiter } from '../../../src/stages/annotate/rate-limiter.js';

beforeEach(() => vi.useFakeTimers({ now: 0 }));
afterEach(() => vi.useRealTimers());

/** Starts `n` acquisitions and records when each was admitted (fake time). */
const admitTimes = (limiter: RateLimiter, n: number, tokens = 1, hold = false) => {
  const times: number[] = [];
  const releases: (() => void)[] = [];
  for (let i = 0; i < n; i++) {
    void limiter.acquire(tokens).then((release) => {
      times.push(Date.now());
      if (hold) releases.push(release);
      else release();
    });
  }
  return { times, releases };
};

describe('the rate limiter', () => {
  it('admits at most `concurrency` at once, the next one as soon as one is released', async () => {
    const limiter = new RateLimiter({ concurrency: 2 });
    const { times, releases } = admitTimes(limiter, 3, 1, true);
    await vi.advanceTimersByTimeAsync(0);
    expect(times).toEqual([0, 0]);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(times).toHaveLength(2);
    releases[0]!();
    await vi.advanceTimersByTimeAsync(0);
    expect(times).toEqual([0, 0, 5_000]);
  });

  it('spreads requests over the minute once the requests-per-minute bucket is empty', async () => {
    const limiter = new RateLimiter({ concurrency: 100, requestsPerMinute: 60 });
    const { times } = admitTimes(limiter, 62);
    await vi.advanceTimersByTimeAsync(2_500);
    // 60 at once (the bucket starts full), then one per second as it refills.
    expect(times.slice(58)).toEqual([0, 0, 1_000, 2_000]);
  });

  it('counts tokens per minute: a request waits until its tokens are back', async () => {
    const limiter = new RateLimiter({ concurrency: 100, tokensPerMinute: 6_000 });
    const { times } = admitTimes(limiter, 3, 3_000);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(times).toEqual([0, 0, 30_000]);
  });

  it('a pause (a 429\'s Retry-After, or a rate window at zero) holds everyone', async () => {
    const limiter = new RateLimiter({ concurrency: 4 });
    limiter.pause(1_500);
    limiter.observe({ remainingRequests: 0, resetRequestsMs: 2_000 });
    const { times } = admitTimes(limiter, 2);
    await vi.advanceTimersByTimeAsync(1_999);
    expect(times).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(times).toEqual([2_000, 2_000]);
  });

  it('rejects every waiter when the run is aborted', async () => {
    const controller = new AbortController();
    const limiter = new RateLimiter({ concurrency: 1 }, controller.signal);
    await limiter.acquire(1);
    const waiting = limiter.acquire(1);
    controller.abort(new Error('stopped'));
    await expect(waiting).rejects.toThrow('stopped');
  });
});
