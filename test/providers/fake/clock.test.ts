import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../src/providers/fake/index.js';

describe('fake OpenAI: clock', () => {
  it('stands still by default and moves only with advance() and set()', () => {
    const clock = new FakeClock({ start: '2026-11-23T12:00:00Z' });
    expect(clock.now().toISOString()).toBe('2026-11-23T12:00:00.000Z');
    clock.advance(90);
    expect(clock.nowSeconds()).toBe(Date.parse('2026-11-23T12:01:30Z') / 1000);
    clock.set('2027-01-14T00:00:00Z');
    expect(clock.now().toISOString()).toBe('2027-01-14T00:00:00.000Z');
    expect(() => clock.set('2026-01-01T00:00:00Z')).toThrow(/forward/);
    expect(() => clock.advance(-1)).toThrow();
  });

  it('scales real time by timeScale (real time injected, so no waiting)', () => {
    let real = 1_000;
    const clock = new FakeClock({ start: 0, timeScale: 600, realNowMs: () => real });
    real += 300; // 0.3 real seconds...
    expect(clock.nowMs()).toBe(180_000); // ...are 3 simulated minutes: one default job.
    clock.advance(20);
    expect(clock.nowMs()).toBe(200_000);
  });
});
