import type { JobEvent, RemoteJob, Trainer } from './trainer.js';
import { isTerminal } from './trainer.js';

export type JobUpdate = { kind: 'event'; event: JobEvent } | { kind: 'status'; job: RemoteJob } | { kind: 'retry'; error: unknown; attempt: number };

export interface FollowOptions {
  /** The newest event already shown; only newer ones are yielded. */
  afterEventId: string | undefined;
  /** Wait between polls, resolving early when the signal aborts. */
  wait: (ms: number, signal: AbortSignal) => Promise<void>;
  pollMs: number;
  signal: AbortSignal;
  /** Consecutive failed polls (after the SDK's own retries) before giving up. @default 10 */
  maxFailedPolls?: number;
}

/**
 * Polls a job and yields its new events (oldest first) and every status change, until the job
 * ends or the signal aborts. Only reads: stopping the iteration never touches the job.
 */
export async function* followJob(trainer: Trainer, jobId: string, o: FollowOptions): AsyncGenerator<JobUpdate> {
  let last = o.afterEventId;
  let lastStatus: string | undefined;
  let failures = 0;
  while (!o.signal.aborted) {
    let job: RemoteJob;
    let events: JobEvent[];
    try {
      // Status first, events second: events of a job seen as finished are then all there.
      job = await trainer.retrieveJob(jobId);
      events = await trainer.eventsSince(jobId, last);
      failures = 0;
    } catch (error) {
      if (!trainer.retryable(error) || ++failures >= (o.maxFailedPolls ?? 10)) throw error;
      yield { kind: 'retry', error, attempt: failures };
      await o.wait(trainer.retryAfterMs(error) ?? o.pollMs, o.signal);
      continue;
    }
    for (const event of events) {
      last = event.id;
      yield { kind: 'event', event };
    }
    if (job.status !== lastStatus) {
      lastStatus = job.status;
      yield { kind: 'status', job };
    }
    if (isTerminal(job.status)) return;
    await o.wait(o.pollMs, o.signal);
  }
}
