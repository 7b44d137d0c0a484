import type { Clock } from './clock.js';

/** How far back the rate looks: long enough to smooth bursts, short enough to follow a slowdown. */
const RATE_WINDOW_MS = 30_000;

/** How far a piece of work has got, as counts, rate and time left say it. */
export interface ProgressSnapshot {
  done: number;
  /** Unknown while the work is still being found (a crawl's frontier grows as it goes). */
  total?: number;
  /** Per second over the recent window; absent until time has passed between two counts. */
  perSecond?: number;
  /** Seconds left at that rate; only when the total is known and the rate is above zero. */
  etaSeconds?: number;
}

/**
 * Counts done (and the total when known) over time, for the live progress lines of the crawl,
 * annotation, batches and training. The rate is over the last RATE_WINDOW_MS rather than since the
 * start, so a stage that speeds up or stalls shows it. Time comes from the clock (or the caller,
 * for counts stamped by a server), so tests move time instead of sleeping; a pinned clock shows no
 * rate at all.
 */
export class ProgressMeter {
  private readonly samples: { at: number; done: number }[] = [];
  private total: number | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly windowMs = RATE_WINDOW_MS,
  ) {}

  /** The first update is the base the rate starts from: work done before it (a resumed batch) is not counted as speed. */
  update(done: number, total?: number, at: Date = this.clock.now()): ProgressSnapshot {
    const ms = at.getTime();
    this.total = total;
    const last = this.samples.at(-1);
    if (last && last.at === ms) last.done = done;
    else this.samples.push({ at: ms, done });
    // One sample at or before the window's start stays, so the rate spans the whole window.
    while (this.samples.length > 2 && this.samples[1]!.at <= ms - this.windowMs) this.samples.shift();
    return this.snapshot();
  }

  snapshot(): ProgressSnapshot {
    const first = this.samples[0];
    const last = this.samples.at(-1);
    if (!first || !last) return { done: 0 };
    const snapshot: ProgressSnapshot = { done: last.done, ...(this.total === undefined ? {} : { total: this.total }) };
    if (last.at <= first.at) return snapshot;
    const perSecond = Math.max(0, ((last.done - first.done) * 1000) / (last.at - first.at));
    snapshot.perSecond = perSecond;
    if (this.total !== undefined && perSecond > 0) snapshot.etaSeconds = Math.max(0, this.total - last.done) / perSecond;
    return snapshot;
  }
}

/** `45s`, `1m04s`, `2h05m`: rounded up, so the last second left never reads 0s. */
export const formatDuration = (seconds: number): string => {
  const s = Math.max(0, Math.ceil(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  const m = Math.ceil(s / 60);
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
};

/** `3.4/s`, `120/s`, or per minute below 1/s (a batch, a training step), where /s would lose the digits. */
export const formatRate = (perSecond: number, unit = ''): string => {
  const u = unit ? ` ${unit}` : '';
  const figure = (n: number) => (n < 10 ? n.toFixed(1) : Math.round(n).toString());
  if (perSecond > 0 && perSecond < 1) return `${figure(perSecond * 60)}${u}/min`;
  return `${figure(perSecond)}${u}/s`;
};

/** The rate and ETA parts of a progress line, those that are known: `['3.4 pages/s', 'ETA 1m04s']`. */
export const rateAndEta = (s: ProgressSnapshot, unit = ''): string[] => [
  ...(s.perSecond === undefined ? [] : [formatRate(s.perSecond, unit)]),
  ...(s.etaSeconds === undefined ? [] : [`ETA ${formatDuration(s.etaSeconds)}`]),
];
