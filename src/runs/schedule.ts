// The clock of `tuneset schedule`: croner fires the ticks (5 fields, or 6 with seconds first, as
// cron and croner read them; @daily and friends), protect keeps a tick from starting while the
// previous one is still going, and the loop ends after maxRuns ticks or when stopped.
import { Cron } from 'croner';
import { UsageError } from '../pipeline/errors.js';

/** A cron expression croner accepts as a recurring schedule; a usage error naming it otherwise. */
export const parseCron = (expression: string, timezone?: string): Cron => {
  if (timezone !== undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: timezone });
    } catch {
      throw new UsageError(`--tz "${timezone}" is not a time zone: give an IANA name such as Europe/Berlin or UTC`);
    }
  }
  let cron: Cron;
  try {
    cron = new Cron(expression, { paused: true, mode: '5-or-6-parts', ...(timezone ? { timezone } : {}) });
  } catch (error) {
    throw new UsageError(`--cron "${expression}" is not a cron expression: ${(error as Error).message.replace(/^CronPattern: /, '')}`);
  }
  // croner also takes an ISO date as a one-off job; a schedule repeats.
  if (cron.getOnce() !== null || cron.nextRun() === null) {
    cron.stop();
    throw new UsageError(`--cron "${expression}" is not a repeating schedule: give cron fields such as "0 3 * * *" (daily at 03:00)`);
  }
  // Without a function croner starts no timer: this one only answers nextRun().
  return cron;
};

export interface ScheduleOptions {
  cron: string;
  timezone?: string;
  /** Stop after this many ticks have run (tests). @default Infinity */
  maxRuns?: number;
  /** One run; a tick never starts while the previous one is going. Must not throw. */
  tick: (at: Date) => Promise<void>;
  /** A tick that fell while the previous run was still going, so it did not start. */
  onOverlap?: (at: Date) => void;
  /** Stops scheduling; a tick already going is waited for. */
  signal?: AbortSignal;
}

/** Runs ticks on the schedule until maxRuns ticks have run or the signal aborts; resolves after the last tick ends. */
export const runSchedule = (options: ScheduleOptions): Promise<void> => {
  parseCron(options.cron, options.timezone);
  const maxRuns = options.maxRuns ?? Infinity;
  let done = 0;
  let going: Promise<void> | undefined;
  return new Promise<void>((resolve) => {
    const finish = () => {
      job.stop();
      options.signal?.removeEventListener('abort', finish);
      void (going ?? Promise.resolve()).then(resolve);
    };
    const job = new Cron(
      options.cron,
      {
        mode: '5-or-6-parts',
        ...(options.timezone ? { timezone: options.timezone } : {}),
        protect: () => options.onOverlap?.(new Date()),
      },
      async (self) => {
        const at = self.currentRun() ?? new Date();
        going = options.tick(at);
        await going;
        going = undefined;
        if (++done >= maxRuns) finish();
      },
    );
    if (options.signal?.aborted) finish();
    else options.signal?.addEventListener('abort', finish, { once: true });
  });
};
