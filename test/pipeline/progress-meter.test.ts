import { expect, test } from 'vitest';
import { formatDuration, formatRate, ProgressMeter, rateAndEta } from '../../src/pipeline/progress-meter.js';
import { manualClock } from '../helpers/manual-clock.js';

test('no rate from a single count, nor while the clock stands still', () => {
  const { clock } = manualClock();
  const meter = new ProgressMeter(clock);
  expect(meter.update(5, 10)).toEqual({ done: 5, total: 10 });
  expect(meter.update(8, 10)).toEqual({ done: 8, total: 10 });
});

test('rate since the first count, and time left when the total is known', () => {
  const { clock, advance } = manualClock();
  const meter = new ProgressMeter(clock);
  // Work done before the first update (a resumed batch) is the base, not speed.
  meter.update(40, 100);
  advance(4_000);
  expect(meter.update(50, 100)).toEqual({ done: 50, total: 100, perSecond: 2.5, etaSeconds: 20 });
  expect(rateAndEta(meter.snapshot(), 'pages')).toEqual(['2.5 pages/s', 'ETA 20s']);
});

test('the rate follows the recent window: a stall shows, and no ETA at zero speed', () => {
  const { clock, advance } = manualClock();
  const meter = new ProgressMeter(clock, 10_000);
  meter.update(0);
  advance(10_000);
  expect(meter.update(100).perSecond).toBe(10);
  advance(5_000);
  // The base is the last count at or before the window's start (t=5 s): the one at t=0.
  expect(meter.update(100).perSecond).toBeCloseTo(100 / 15, 9);
  advance(10_000);
  expect(meter.update(100, 200)).toEqual({ done: 100, total: 200, perSecond: 0 });
});

test('durations: seconds, minutes and seconds, hours and minutes, rounded up', () => {
  expect(formatDuration(0)).toBe('0s');
  expect(formatDuration(0.2)).toBe('1s');
  expect(formatDuration(59)).toBe('59s');
  expect(formatDuration(64)).toBe('1m04s');
  expect(formatDuration(3599)).toBe('59m59s');
  expect(formatDuration(3600)).toBe('1h00m');
  expect(formatDuration(7_501)).toBe('2h06m');
});

test('rates: one decimal below 10, whole above, per minute below 1/s', () => {
  expect(formatRate(3.44)).toBe('3.4/s');
  expect(formatRate(1)).toBe('1.0/s');
  expect(formatRate(0)).toBe('0.0/s');
  expect(formatRate(120.4, 'pages')).toBe('120 pages/s');
  expect(formatRate(0.05, 'requests')).toBe('3.0 requests/min');
  expect(formatRate(0.5)).toBe('30/min');
});
