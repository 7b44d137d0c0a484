import { describe, expect, test } from 'vitest';
import { createHostRateLimiter } from '../../../../src/stages/scrape/polite/host-rate-limiter.js';
import { fakeTimers } from './fake-timers.js';

const setup = (requestsPerSecond: number) => {
  const timers = fakeTimers(1_000);
  const limiter = createHostRateLimiter({ requestsPerSecond, now: timers.now, sleep: timers.sleep });
  const starts: [label: string, at: number][] = [];
  const start = (url: string, label = url): Promise<void> =>
    limiter.acquire(url).then(() => {
      starts.push([label, timers.now() - 1_000]);
    });
  return { timers, limiter, starts, start };
};

describe('createHostRateLimiter', () => {
  test('gives concurrent callers for one host successive slots', async () => {
    const { timers, starts, start } = setup(2);
    const all = Promise.all(['a', 'b', 'c', 'd'].map((label) => start('https://example.com/x', label)));
    await timers.runAll();
    await all;
    expect(starts).toEqual([
      ['a', 0],
      ['b', 500],
      ['c', 1000],
      ['d', 1500],
    ]);
  });

  test('spaces hosts independently; the port is part of the host, the scheme is not', async () => {
    const { timers, starts, start } = setup(1);
    const all = Promise.all([
      start('https://example.com/1', 'example'),
      start('https://example.com/2', 'example again'),
      start('http://example.com/3', 'example over http'),
      start('https://example.com:8443/4', 'example:8443'),
      start('https://docs.example.com/5', 'docs'),
    ]);
    await timers.runAll();
    await all;
    expect(starts).toEqual([
      ['example', 0],
      ['example:8443', 0],
      ['docs', 0],
      ['example again', 1000],
      ['example over http', 2000],
    ]);
  });

  test('does not wait when the last start is long enough ago', async () => {
    const { timers, starts, start } = setup(1);
    await start('https://example.com/a', 'a');
    await timers.advance(1500);
    await start('https://example.com/b', 'b');
    await timers.advance(200);
    const c = start('https://example.com/c', 'c');
    await timers.runAll();
    await c;
    expect(starts).toEqual([
      ['a', 0],
      ['b', 1500],
      ['c', 2500],
    ]);
    expect(timers.sleeps()).toBe(1);
  });

  test('Infinity never waits', async () => {
    const { timers, starts, start } = setup(Infinity);
    await Promise.all([1, 2, 3].map((n) => start('https://example.com/', String(n))));
    expect(starts.map(([, at]) => at)).toEqual([0, 0, 0]);
    expect(timers.sleeps()).toBe(0);
  });

  test('delayHost holds back the next start of that host only', async () => {
    const { timers, limiter, starts, start } = setup(Infinity);
    limiter.delayHost('https://example.com/anything', 3000);
    const all = Promise.all([start('https://example.com/a', 'a'), start('https://example.com/b', 'b'), start('https://other.example/c', 'other')]);
    await timers.runAll();
    await all;
    expect(starts).toEqual([
      ['other', 0],
      ['a', 3000],
      ['b', 3000],
    ]);
  });

  test('delayHost also holds back callers already waiting for a slot', async () => {
    const { timers, limiter, starts, start } = setup(1);
    const all = Promise.all(['a', 'b', 'c'].map((label) => start('https://example.com/x', label)));
    await timers.advance(100);
    // 'a' has started; 'b' and 'c' hold slots at 1000 and 2000, and the server now asks for 5 s of quiet.
    limiter.delayHost('https://example.com/x', 5000);
    await timers.runAll();
    await all;
    expect(starts).toEqual([
      ['a', 0],
      ['b', 5100],
      ['c', 6100],
    ]);
  });

  test('a shorter delay does not shorten a longer one', async () => {
    const { timers, limiter, starts, start } = setup(Infinity);
    limiter.delayHost('https://example.com/', 4000);
    limiter.delayHost('https://example.com/', 1000);
    limiter.delayHost('https://example.com/', -50);
    const a = start('https://example.com/a', 'a');
    await timers.runAll();
    await a;
    expect(starts).toEqual([['a', 4000]]);
  });

  test('rejects a rate that is not positive', () => {
    for (const requestsPerSecond of [0, -1, Number.NaN]) expect(() => createHostRateLimiter({ requestsPerSecond })).toThrow(RangeError);
  });
  test('slowHost widens one host\'s spacing (robots.txt Crawl-delay) and never narrows it', async () => {
    const { timers, limiter, starts, start } = setup(2);
    limiter.slowHost('https://slow.example/', 3000);
    limiter.slowHost('https://slow.example/', 100);
    const all = Promise.all([start('https://slow.example/a', 'slow 1'), start('https://slow.example/b', 'slow 2'), start('https://fast.example/a', 'fast 1'), start('https://fast.example/b', 'fast 2')]);
    await timers.runAll();
    await all;
    expect(Object.fromEntries(starts)).toEqual({ 'slow 1': 0, 'slow 2': 3000, 'fast 1': 0, 'fast 2': 500 });
  });
});
