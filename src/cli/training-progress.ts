import type { Clock } from '../pipeline/clock.js';
import { formatDuration, ProgressMeter, rateAndEta } from '../pipeline/progress-meter.js';
import type { JobEvent, RemoteJob } from '../train/trainer.js';

const BAR = 24;

const num = (v: unknown) => (typeof v === 'number' ? v.toFixed(4) : undefined);

const stepOf = (event: JobEvent): { step: number; total: number } | undefined => {
  const d = event.data ?? {};
  const step = d['step'];
  const total = d['total_steps'];
  return typeof step === 'number' && typeof total === 'number' && total > 0 ? { step, total } : undefined;
};

/**
 * One line for a metrics event: a bar on a terminal, `step n/N` with losses everywhere, then the
 * pace when known (`12 steps/min  ETA 5m50s`).
 */
export const metricsLine = (event: JobEvent, tty: boolean, pace: readonly string[] = []): string | undefined => {
  const at = stepOf(event);
  if (!at) return undefined;
  const d = event.data ?? {};
  const losses = [`train loss ${num(d['train_loss']) ?? '-'}`];
  const valid = num(d['valid_loss']);
  if (valid) losses.push(`validation loss ${valid}`);
  const done = Math.min(BAR, Math.round((at.step / at.total) * BAR));
  const bar = tty ? `[${'#'.repeat(done)}${'.'.repeat(BAR - done)}] ` : '';
  return `${bar}step ${at.step}/${at.total}  ${[...losses, ...pace].join('  ')}`;
};

/** Off a terminal, metrics lines are printed at every tenth of the run, not for every step. */
export const isMilestone = (event: JobEvent): boolean => {
  const at = stepOf(event);
  if (!at) return false;
  const tenth = Math.max(1, Math.floor(at.total / 10));
  return at.step === at.total || at.step % tenth === 0 || typeof (event.data ?? {})['valid_loss'] === 'number';
};

/**
 * `tuneset watch`'s pace: steps per second from the metrics events' own times (the provider's
 * clock, so polling late does not bend it) and the ETA from it; before two steps are apart in
 * time, the provider's estimated_finish against our clock. Off a terminal it also decides which
 * metrics lines are printed: the milestones, and one at least every `intervalMs` of our clock.
 */
export class TrainingProgress {
  private readonly meter: ProgressMeter;
  private estimatedFinish: number | null = null;
  private lastPrinted: number;

  constructor(
    private readonly clock: Clock,
    private readonly intervalMs: number,
  ) {
    this.meter = new ProgressMeter(clock);
    this.lastPrinted = clock.now().getTime();
  }

  /** A status the job reported: keeps its estimated finish (unix seconds) for the ETA. */
  job(job: RemoteJob): void {
    this.estimatedFinish = job.estimatedFinish;
  }

  /** The metrics line with the pace, or undefined for an event without step and total steps. */
  line(event: JobEvent, tty: boolean): string | undefined {
    const at = stepOf(event);
    if (!at) return undefined;
    const snapshot = this.meter.update(at.step, at.total, new Date(event.createdAt * 1000));
    const pace = rateAndEta(snapshot, 'steps');
    if (snapshot.etaSeconds === undefined && this.estimatedFinish !== null) {
      const left = this.estimatedFinish - this.clock.now().getTime() / 1000;
      if (left > 0) pace.push(`ETA ${formatDuration(left)} (provider's estimate)`);
    }
    return metricsLine(event, tty, pace);
  }

  /** Off a terminal: whether this metrics event's line is printed (a milestone, or the interval has passed). */
  shouldPrint(event: JobEvent): boolean {
    const now = this.clock.now().getTime();
    if (!isMilestone(event) && now - this.lastPrinted < this.intervalMs) return false;
    this.lastPrinted = now;
    return true;
  }
}
