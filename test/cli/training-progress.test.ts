import { expect, test } from 'vitest';
import { isMilestone, metricsLine, TrainingProgress } from '../../src/cli/training-progress.js';
import type { JobEvent, RemoteJob } from '../../src/train/trainer.js';
import { manualClock } from '../helpers/manual-clock.js';

const START = Date.parse('2026-12-02T12:00:00Z') / 1000;
const metrics = (step: number, atSeconds: number, extra: Record<string, unknown> = {}): JobEvent => ({
  id: `ev-${step}`,
  createdAt: START + atSeconds,
  level: 'info',
  message: `Step ${step}/100`,
  type: 'metrics',
  data: { step, total_steps: 100, train_loss: 0.5, ...extra },
});
const job = (estimatedFinish: number | null) => ({ id: 'ftjob-1', status: 'running', estimatedFinish }) as RemoteJob;

test('steps per second from the events own times, and the ETA from them', () => {
  const { clock } = manualClock('2026-12-02T12:00:00Z');
  const p = new TrainingProgress(clock, 10_000);
  expect(p.line(metrics(10, 0), false)).toBe('step 10/100  train loss 0.5000');
  // Our clock stands still: the pace comes from when the provider stamped the steps.
  expect(p.line(metrics(20, 10, { valid_loss: 0.75 }), false)).toBe('step 20/100  train loss 0.5000  validation loss 0.7500  1.0 steps/s  ETA 1m20s');
  // 20 steps in the 30 s since the first: 40 a minute, 70 left.
  expect(p.line(metrics(30, 30), true)).toBe('[#######.................] step 30/100  train loss 0.5000  40 steps/min  ETA 1m45s');
});

test("before two steps are apart in time, the provider's estimated finish gives the ETA", () => {
  const { clock, advance } = manualClock('2026-12-02T12:00:00Z');
  const p = new TrainingProgress(clock, 10_000);
  p.job(job(START + 300));
  advance(60_000);
  expect(p.line(metrics(1, 60), false)).toBe("step 1/100  train loss 0.5000  ETA 4m00s (provider's estimate)");
  // A finish already past says nothing.
  advance(300_000);
  expect(p.line(metrics(1, 60), false)).toBe('step 1/100  train loss 0.5000');
});

test('off a terminal: milestones always, other steps once the interval has passed since the last line printed', () => {
  const { clock, advance } = manualClock();
  const p = new TrainingProgress(clock, 10_000);
  const printed: number[] = [];
  for (const step of [1, 2, 3, 4, 10, 11, 12, 13]) {
    // Each poll brings a step, 3 s of our clock apart.
    advance(3_000);
    if (p.shouldPrint(metrics(step, step))) printed.push(step);
  }
  // 3 at 9 s: not yet; 4 at 12 s: 10 s have passed; 10 (15 s) is a tenth; 13 at 24 s: only 9 s after 10.
  expect(printed).toEqual([4, 10]);
  advance(1_000);
  expect(p.shouldPrint(metrics(14, 14))).toBe(true);
});

test('milestones: every tenth of the run, the last step, any validation step', () => {
  expect([10, 15, 20, 100].map((s) => isMilestone(metrics(s, s)))).toEqual([true, false, true, true]);
  expect(isMilestone(metrics(15, 15, { valid_loss: 1 }))).toBe(true);
  expect(metricsLine({ ...metrics(1, 1), data: { step: 1 } }, false)).toBeUndefined();
});
