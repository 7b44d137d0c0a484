import type { Clock } from '../../src/pipeline/clock.js';

/** A clock that moves only when the test says so: progress rates and intervals without sleeping. */
export const manualClock = (iso = '2026-12-02T12:00:00Z') => {
  let at = new Date(iso).getTime();
  const clock: Clock = { now: () => new Date(at) };
  return { clock, advance: (ms: number) => void (at += ms) };
};
