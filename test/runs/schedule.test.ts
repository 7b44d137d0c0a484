import { expect, test } from 'vitest';
import { parseCron, runSchedule } from '../../src/runs/schedule.js';

// The schedule's own rules, on croner's seconds field so no test waits for a minute: ticks never
// overlap (one that falls during a run is reported, not started), and maxRuns and a stop end it.
// Each test waits on events (a tick reported, a run ended), never for a fixed time.

test('a tick that falls while a run is going is skipped and reported; runs never overlap; maxRuns ends the schedule', async () => {
  let active = 0;
  let most = 0;
  const starts: Date[] = [];
  let overlaps = 0;
  let sawOverlap!: () => void;
  const overlapped = new Promise<void>((resolve) => (sawOverlap = resolve));
  await runSchedule({
    cron: '* * * * * *',
    maxRuns: 2,
    onOverlap: () => {
      overlaps++;
      sawOverlap();
    },
    tick: async (at) => {
      starts.push(at);
      most = Math.max(most, ++active);
      // The first run lasts until the schedule has fired (and been refused) during it.
      if (starts.length === 1) await overlapped;
      active--;
    },
  });
  expect(starts).toHaveLength(2);
  expect(most).toBe(1);
  expect(overlaps).toBeGreaterThanOrEqual(1);
  // The tick between the two runs was skipped, not delayed: the second run began a second later.
  expect(starts[1]!.getTime() - starts[0]!.getTime()).toBeGreaterThanOrEqual(1900);
}, 20_000);

test('a stop waits for the run going on, and no tick starts after it', async () => {
  const stop = new AbortController();
  let ticks = 0;
  let ended = false;
  await runSchedule({
    cron: '* * * * * *',
    signal: stop.signal,
    tick: async () => {
      ticks++;
      stop.abort();
      // Still going when the stop comes: the schedule resolves only after this.
      await Promise.resolve();
      ended = true;
    },
  });
  expect(ended).toBe(true);
  expect(ticks).toBe(1);
}, 20_000);

test('parseCron: 5 and 6 fields and nicknames are schedules; the rest is refused by name', () => {
  expect(parseCron('0 3 * * *', 'UTC').nextRun(new Date('2026-12-02T10:00:00Z'))?.toISOString()).toBe('2026-12-03T03:00:00.000Z');
  expect(parseCron('*/10 * * * * *', 'UTC').nextRun(new Date('2026-12-02T10:00:01Z'))?.toISOString()).toBe('2026-12-02T10:00:10.000Z');
  expect(parseCron('@daily', 'UTC').nextRun(new Date('2026-12-02T10:00:00Z'))?.toISOString()).toBe('2026-12-03T00:00:00.000Z');
  expect(() => parseCron('0 0 0 1 1 * 2030')).toThrow(`--cron "0 0 0 1 1 * 2030" is not a cron expression: mode '5-or-6-parts' requires exactly 5 or 6 parts, but pattern '0 0 0 1 1 * 2030' has 7 parts.`);
  expect(() => parseCron('0 3 * * *', 'Mars/Olympus')).toThrow('--tz "Mars/Olympus" is not a time zone: give an IANA name such as Europe/Berlin or UTC');
});
