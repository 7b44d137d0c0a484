import { expect, test } from 'vitest';
import type { BatchApi, RemoteBatch } from '../../../src/stages/annotate/batch-api.js';
import { pollProgress, pollUntilFinished } from '../../../src/stages/annotate/batch-poll.js';
import { manualClock } from '../../helpers/manual-clock.js';

const batch = (id: string, status: string, completed: number, total: number, failed = 0) =>
  ({ id, status, request_counts: { completed, failed, total } }) as RemoteBatch;

/** Each poll answers the next scripted state of each batch; the wait between polls moves the clock. */
const scripted = (states: Record<string, RemoteBatch[]>, intervalMs: number) => {
  const { clock, advance } = manualClock();
  const polls = new Map<string, number>();
  const api = {
    retrieve: async (id: string) => {
      const n = polls.get(id) ?? 0;
      polls.set(id, n + 1);
      const list = states[id]!;
      return list[Math.min(n, list.length - 1)]!;
    },
  } as unknown as BatchApi;
  const progress: string[] = [];
  const options = { api, intervalMs, clock, signal: new AbortController().signal, label: 'batch round 1', onProgress: (t: string) => void progress.push(t), sleep: async (ms: number) => advance(ms) };
  return { options, progress, advance };
};

test('batch progress carries requests done of the total, the completion rate between polls and the ETA from it', async () => {
  const { options, progress } = scripted(
    {
      a: [batch('a', 'validating', 0, 0), batch('a', 'in_progress', 20, 100), batch('a', 'in_progress', 50, 100, 2), batch('a', 'completed', 98, 100, 2)],
    },
    60_000,
  );
  await pollUntilFinished(['a'], options, async () => {});
  expect(progress).toEqual([
    'batch round 1: 0/0 requests done in 1 batch (validating 1)',
    // 20 done in the minute since the first poll; the total is known now: 80 left at 20/min.
    'batch round 1: 20/100 requests done in 1 batch (in_progress 1), 20/min, ETA 4m00s',
    // The 30 s window reaches back one poll: 32 in the last minute.
    'batch round 1: 52/100 requests done in 1 batch (in_progress 1), 32/min, ETA 1m30s',
    'batch round 1: 100/100 requests done in 1 batch (completed 1), 48/min, ETA 0s',
  ]);
});

test('no ETA while one of the batches is still validating: its requests are not counted yet', async () => {
  const { options, progress, advance } = scripted(
    {
      a: [batch('a', 'in_progress', 0, 10), batch('a', 'in_progress', 5, 10)],
      b: [batch('b', 'validating', 0, 0), batch('b', 'validating', 0, 0)],
    },
    10_000,
  );
  let waits = 0;
  // Stops after the second pass: only the texts matter here.
  options.sleep = async (ms: number) => {
    if (++waits === 2) throw new Error('enough');
    advance(ms);
  };
  await expect(pollUntilFinished(['a', 'b'], options, async () => {})).rejects.toThrow('enough');
  expect(progress).toEqual([
    'batch round 1: 0/10 requests done in 2 batches (in_progress 1, validating 1)',
    'batch round 1: 5/10 requests done in 2 batches (in_progress 1, validating 1), 30/min',
  ]);
});

test('without a measured rate the text is as before', () => {
  expect(pollProgress('batch round 2', [batch('a', 'in_progress', 1, 3)], { done: 1, total: 3 })).toBe('batch round 2: 1/3 requests done in 1 batch (in_progress 1)');
});
