import { FINISHED_STATUSES, type BatchApi, type RemoteBatch, type Sleep } from './batch-api.js';

export interface PollOptions {
  api: BatchApi;
  intervalMs: number;
  sleep: Sleep;
  signal: AbortSignal;
  /** Prefixes the progress line ("round 2"). */
  label: string;
  onProgress?: ((text: string) => void) | undefined;
}

/** `round 1: 3/10 requests done in 2 batches (in_progress 1, validating 1)`. */
export const pollProgress = (label: string, batches: readonly RemoteBatch[]): string => {
  let done = 0;
  let total = 0;
  const statuses = new Map<string, number>();
  for (const b of batches) {
    done += (b.request_counts?.completed ?? 0) + (b.request_counts?.failed ?? 0);
    total += b.request_counts?.total ?? 0;
    statuses.set(b.status, (statuses.get(b.status) ?? 0) + 1);
  }
  const list = [...statuses].map(([s, n]) => `${s} ${n}`).join(', ');
  return `${label}: ${done}/${total} requests done in ${batches.length} batch${batches.length === 1 ? '' : 'es'} (${list})`;
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
  for (;;) {
    for (const id of [...open]) {
      const batch = await o.api.retrieve(id);
      latest.set(id, batch);
      if (FINISHED_STATUSES.has(batch.status)) {
        open.delete(id);
        await onFinished(batch);
      }
    }
    o.onProgress?.(pollProgress(o.label, [...latest.values()]));
    if (open.size === 0) return;
    await o.sleep(o.intervalMs, o.signal);
  }
};
