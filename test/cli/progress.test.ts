import { expect, test, vi } from 'vitest';
import { createProgressRenderer, progressIntervalMs } from '../../src/cli/progress.js';
import { StageCounters } from '../../src/pipeline/counters.js';
import type { StageProgress } from '../../src/pipeline/runner.js';
import { manualClock } from '../helpers/manual-clock.js';

const stream = (isTTY: boolean) => {
  const written: string[] = [];
  return { written, s: { isTTY, columns: 80, write: (t: string) => (written.push(t), true) } as unknown as NodeJS.WriteStream };
};
const stage = (name: string, inN: number, out: number, done: boolean, status?: string): StageProgress => {
  const counters = new StageCounters();
  counters.in = inN;
  counters.out = out;
  if (inN > out) counters.addDrop('duplicate');
  return { name, counters, done, ...(status ? { status } : {}) };
};

test('on a terminal one live line is rewritten in place, then cleared', () => {
  const { written, s } = stream(true);
  const r = createProgressRenderer(s, { clock: manualClock().clock });
  r.update([stage('import', 0, 10, true), stage('dedupe', 10, 9, false)]);
  r.finish();
  expect(written).toEqual(['\r\x1b[2Kdedupe: 10 in, 9 out, 1 dropped (0ms)', '\r\x1b[2K']);
});

test('the live line of a stage without a status gives its records per second over the recent window', () => {
  const { clock, advance } = manualClock();
  const { written, s } = stream(true);
  const r = createProgressRenderer(s, { clock });
  const dedupe = stage('dedupe', 10, 9, false);
  r.update([dedupe]);
  advance(2000);
  dedupe.counters.in = 50;
  r.update([dedupe]);
  expect(written.at(-1)).toBe('\r\x1b[2Kdedupe: 50 in, 9 out, 1 dropped, 20 records/s (0ms)');
});

test("a running stage's own status wins over an earlier stage's counts", () => {
  const { written, s } = stream(true);
  const r = createProgressRenderer(s, { clock: manualClock().clock });
  r.update([stage('scrape', 5, 5, false), stage('annotate', 0, 0, false, '3/10 answered, 1.5/s, ETA 5s')]);
  expect(written).toEqual(['\r\x1b[2Kannotate: 3/10 answered, 1.5/s, ETA 5s']);
});

test('elsewhere a plain line per stage as it finishes, each once, and nothing periodic before the interval', () => {
  const { written, s } = stream(false);
  const r = createProgressRenderer(s, { clock: manualClock().clock });
  r.update([stage('import', 0, 10, true), stage('dedupe', 10, 9, false)]);
  r.update([stage('import', 0, 10, true), stage('dedupe', 10, 9, true)]);
  r.finish();
  expect(written).toEqual(['import: 0 in, 10 out (0ms)\n', 'dedupe: 10 in, 9 out, 1 dropped (0ms)\n']);
});

test('elsewhere the running stage gets a plain line every interval, never more often, from updates or the timer', () => {
  const { clock, advance } = manualClock();
  const { written, s } = stream(false);
  const r = createProgressRenderer(s, { clock, intervalMs: 10_000 });
  const annotate = stage('annotate', 0, 0, false, '0/100 answered');
  const stages = [annotate];
  r.update(stages);
  advance(9_999);
  annotate.status = '40/100 answered, 4.0/s, ETA 15s';
  r.update(stages);
  r.tick();
  expect(written).toEqual([]);
  advance(1);
  r.update(stages);
  advance(5_000);
  annotate.status = '60/100 answered, 4.0/s, ETA 10s';
  r.update(stages);
  r.tick();
  advance(5_000);
  // Nothing moved, yet the timer writes the line: a stalled stage is seen to be stalled.
  r.tick();
  advance(3_000);
  r.tick();
  r.finish();
  expect(written).toEqual(['annotate: 40/100 answered, 4.0/s, ETA 15s\n', 'annotate: 60/100 answered, 4.0/s, ETA 10s\n']);
});

test('a status unchanged for a whole interval says for how long: its rate and ETA are as old as that', () => {
  const { clock, advance } = manualClock();
  const { written, s } = stream(false);
  const r = createProgressRenderer(s, { clock, intervalMs: 10_000 });
  const scrape = stage('scrape', 16, 12, false, '16/17 URLs done: 12 pages, 4 failed, 1.2/s, ETA 1s');
  r.update([scrape]);
  advance(10_000);
  r.tick();
  advance(65_000);
  r.tick();
  scrape.status = '17/17 URLs done: 13 pages, 4 failed, 0.8/s, ETA 0s';
  advance(10_000);
  r.update([scrape]);
  expect(written).toEqual([
    'scrape: 16/17 URLs done: 12 pages, 4 failed, 1.2/s, ETA 1s (unchanged for 10s)\n',
    'scrape: 16/17 URLs done: 12 pages, 4 failed, 1.2/s, ETA 1s (unchanged for 1m15s)\n',
    'scrape: 17/17 URLs done: 13 pages, 4 failed, 0.8/s, ETA 0s\n',
  ]);
});

test('a periodic line of a stage without a status carries its counts and rate; a finished run writes no more', () => {
  const { clock, advance } = manualClock();
  const { written, s } = stream(false);
  const r = createProgressRenderer(s, { clock, intervalMs: 10_000 });
  const clean = stage('clean', 0, 0, false);
  r.update([clean]);
  advance(10_000);
  clean.counters.in = 250;
  clean.counters.out = 250;
  r.tick();
  clean.done = true;
  r.update([clean]);
  advance(10_000);
  r.tick();
  expect(written).toEqual(['clean: 250 in, 250 out, 25 records/s (0ms)\n', 'clean: 250 in, 250 out (0ms)\n']);
});

test('the finish line of a stage also counts as a line: the next periodic one waits a whole interval', () => {
  const { clock, advance } = manualClock();
  const { written, s } = stream(false);
  const r = createProgressRenderer(s, { clock, intervalMs: 10_000 });
  advance(8_000);
  r.update([stage('import', 0, 3, true), stage('annotate', 3, 0, false, '0/3 answered')]);
  advance(8_000);
  r.tick();
  advance(2_000);
  r.tick();
  expect(written).toEqual(['import: 0 in, 3 out (0ms)\n', 'annotate: 0/3 answered (unchanged for 10s)\n']);
});

test('TUNESET_PROGRESS_SECONDS sets the interval: 10 s by default, fractions and 0 allowed, anything else refused', () => {
  expect(progressIntervalMs({})).toBe(10_000);
  expect(progressIntervalMs({ TUNESET_PROGRESS_SECONDS: '2.5' })).toBe(2_500);
  expect(progressIntervalMs({ TUNESET_PROGRESS_SECONDS: '0' })).toBe(0);
  expect(() => progressIntervalMs({ TUNESET_PROGRESS_SECONDS: 'soon' })).toThrow('TUNESET_PROGRESS_SECONDS must be a number of seconds, 0 or more; got "soon"');
  expect(() => progressIntervalMs({ TUNESET_PROGRESS_SECONDS: '-1' })).toThrow('got "-1"');
});

test('an interval of 0 writes the running stage on every update', () => {
  const { written, s } = stream(false);
  const r = createProgressRenderer(s, { clock: manualClock().clock, intervalMs: 0 });
  const crawl = stage('scrape', 1, 1, false, '1/4 URLs done');
  r.update([crawl]);
  crawl.status = '2/4 URLs done';
  r.update([crawl]);
  expect(written).toEqual(['scrape: 1/4 URLs done\n', 'scrape: 2/4 URLs done\n']);
});

test("with tickEveryMs a timer writes the due line without an update, and finish stops it", () => {
  vi.useFakeTimers();
  try {
    const { clock, advance } = manualClock();
    const { written, s } = stream(false);
    const r = createProgressRenderer(s, { clock, intervalMs: 10_000, tickEveryMs: 1_000 });
    r.update([stage('annotate', 3, 0, false, '0/3 answered')]);
    advance(10_000);
    vi.advanceTimersByTime(1_000);
    expect(written).toEqual(['annotate: 0/3 answered (unchanged for 10s)\n']);
    r.finish();
    advance(10_000);
    vi.advanceTimersByTime(10_000);
    expect(written).toEqual(['annotate: 0/3 answered (unchanged for 10s)\n']);
  } finally {
    vi.useRealTimers();
  }
});
