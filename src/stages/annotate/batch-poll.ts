import type { Clock } from '../../pipeline/clock.js';
import { ProgressMeter, rateAndEta, type ProgressSnapshot } from '../../pipeline/progress-meter.js';
import { FINISHED_STATUSES, type BatchApi, type RemoteBatch, type Sleep } from './batch-api.js';

export interface PollOptions {
  api: BatchApi;
  intervalMs: number;
  sleep: Sleep;
  signal: AbortSignal;
  /** Times the polls for the rate and ETA (a pinned clock shows neither). */
  clock: Clock;
  /** Prefixes the progress line ("round 2"). */
  label: string;
  onProgress?: ((text: string) => void) | undefined;
}

/** How many requests of these batches are done (completed or failed) out of how many. */
export const requestCounts = (batches: readonly RemoteBatch[]): { done: number; total: number } => {
  let done = 0;
  let total = 0;
  for (const b of batches) {
    done += (b.request_counts?.completed ?? 0) + (b.request_counts?.failed ?? 0);
    total += b.request_counts?.total ?? 0;
  }
  return { done, total };
};

/**
 * `batch round 1: 3/10 requests done in 2 batches (in_progress 1, validating 1), 2.0/min, ETA 3m30s`:
 * the rate and ETA from how fast requests completed between polls, once two polls are apart in time.
 */
export const pollProgress = (label: string, batches: readonly RemoteBatch[], progress?: ProgressSnapshot): string => {
  const { done, total } = requestCounts(batches);
  const statuses = new Map<string, number>();
  for (const b of batches) statuses.set(b.status, (statuses.get(b.status) ?? 0) + 1);
  const list = [...statuses].map(([s, n]) => `${s} ${n}`).join(', ');
  const rate = progress ? rateAndEta(progress).map((p) => `, ${p}`).join('') : '';
  return `${label}: ${done}/${total} requests done in ${batches.length} batch${batches.length === 1 ? '' : 'es'} (${list})${rate}`;
};

/**
 * Retrieves each batch until it has finished (completed, failed, expired or cancelled), every
 * `intervalMs`, saying how far they are after each pass. `onFinished` runs as each one finishes, so
 * its answers reach the cache without waiting for the slowest batch. Aborting the signal stops the
 * wait at once; the batches run on and a re-run finds them.
 */
export const pollUntilFinished = async (ids: readonly string[], o: PollOptions, onFinished: (batch: RemoteBatch) => Promise<void>): Promise<void> => {
  const latest = new Map<string, RemoteBatch>();
  const open = new Set(ids);
  // One meter per round: requests an adopted batch had done before the first poll are not speed.
  const meter = new ProgressMeter(o.clock);
  for (;;) {
    for (const id of [...open]) {
      const batch = await o.api.retrieve(id);
      latest.set(id, batch);
      if (FINISHED_STATUSES.has(batch.status)) {
        open.delete(id);
        await onFinished(batch);
      }
    }
    const batches = [...latest.values()];
    const { done, total } = requestCounts(batches);
    // A batch still validating counts 0 requests: no ETA until every total is known.
    const known = batches.every((b) => (b.request_counts?.total ?? 0) > 0 || FINISHED_STATUSES.has(b.status));
    o.onProgress?.(pollProgress(o.label, batches, meter.update(done, known ? total : undefined)));
    if (open.size === 0) return;
    await o.sleep(o.intervalMs, o.signal);
  }
};
