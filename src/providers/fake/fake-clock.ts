import type { Clock } from '../../pipeline/clock.js';

export interface FakeClockOptions {
  /** Simulated time at start (ISO string, Date or epoch ms); default: the real time now. */
  start?: string | Date | number;
  /**
   * Simulated seconds per real second. 0 (the default for tests) freezes time: only `advance()`
   * moves it. The CLI uses e.g. 60 so a 3-minute job finishes in 3 real seconds.
   */
  timeScale?: number;
  /** Real monotonic milliseconds; injectable so the scaled clock itself can be tested without waiting. */
  realNowMs?: () => number;
}

/**
 * The fake server's notion of now. Job state is computed from it on every request (never by
 * timers), so advancing it is all a test needs to move a job through its lifecycle.
 */
export class FakeClock implements Clock {
  private baseMs: number;
  private readonly realStartMs: number;
  private readonly realNowMs: () => number;
  readonly timeScale: number;

  constructor(options: FakeClockOptions = {}) {
    const start = options.start ?? Date.now();
    this.baseMs = start instanceof Date ? start.getTime() : typeof start === 'string' ? Date.parse(start) : start;
    if (Number.isNaN(this.baseMs)) throw new Error(`fake clock: not a date: ${String(start)}`);
    this.timeScale = options.timeScale ?? 0;
    if (!(this.timeScale >= 0) || !Number.isFinite(this.timeScale)) throw new Error(`fake clock: timeScale must be >= 0, got ${this.timeScale}`);
    this.realNowMs = options.realNowMs ?? (() => performance.now());
    this.realStartMs = this.realNowMs();
  }

  nowMs(): number {
    return this.baseMs + (this.realNowMs() - this.realStartMs) * this.timeScale;
  }

  now(): Date {
    return new Date(this.nowMs());
  }

  /** Unix seconds, the unit of every `created_at` in the API. */
  nowSeconds(): number {
    return Math.floor(this.nowMs() / 1000);
  }

  /** Unix seconds with their fraction: job and batch timelines are computed from it, so a stage ends exactly when due. */
  nowFractionalSeconds(): number {
    return this.nowMs() / 1000;
  }

  /** Moves simulated time forward (never back: objects already stamped would then be in the future). */
  advance(seconds: number): void {
    if (!(seconds >= 0)) throw new Error(`fake clock: advance() takes seconds >= 0, got ${seconds}`);
    this.baseMs += seconds * 1000;
  }

  /** Jumps to a date, e.g. past a model's shutdown. Only forward, for the same reason as advance(). */
  set(to: string | Date): void {
    const target = typeof to === 'string' ? Date.parse(to) : to.getTime();
    if (Number.isNaN(target)) throw new Error(`fake clock: not a date: ${String(to)}`);
    if (target < this.nowMs()) throw new Error('fake clock: time only moves forward');
    this.baseMs += target - this.nowMs();
  }
}
