import type { RateHeaders } from '../../chat/chat-transport.js';

export interface RateLimits {
  /** Requests at once. */
  concurrency: number;
  requestsPerMinute?: number | undefined;
  tokensPerMinute?: number | undefined;
}

interface Waiter {
  tokens: number;
  resolve: (release: () => void) => void;
  reject: (error: unknown) => void;
}

/** A bucket that refills continuously to `perMinute`; starts full. */
class Bucket {
  #level: number;
  #at: number;
  constructor(
    readonly perMinute: number,
    now: number,
  ) {
    this.#level = perMinute;
    this.#at = now;
  }
  level(now: number): number {
    this.#level = Math.min(this.perMinute, this.#level + ((now - this.#at) * this.perMinute) / 60_000);
    this.#at = now;
    return this.#level;
  }
  /** Milliseconds until `n` is available (a request bigger than the bucket waits for a full one). */
  waitFor(n: number, now: number): number {
    const need = Math.min(n, this.perMinute) - this.level(now);
    return need <= 0 ? 0 : Math.ceil((need * 60_000) / this.perMinute);
  }
  take(n: number, now: number): void {
    this.level(now);
    this.#level -= n;
  }
}

/**
 * One model's limits, shared by all of a stage's requests, first come first served: at most
 * `concurrency` at once, requests and tokens per minute as refilling buckets, and a pause for
 * everyone when the server says so (a 429's Retry-After, or rate headers at zero remaining), so a
 * storm of 429s slows the stage instead of multiplying.
 */
export class RateLimiter {
  readonly #queue: Waiter[] = [];
  readonly #requests: Bucket | undefined;
  readonly #tokens: Bucket | undefined;
  #active = 0;
  #pausedUntil = 0;
  #timer: NodeJS.Timeout | undefined;

  readonly #signal: AbortSignal | undefined;

  /** `signal` (the run's) rejects every waiter when it aborts: one listener, not one per request. */
  constructor(
    readonly limits: RateLimits,
    signal?: AbortSignal,
    readonly now: () => number = Date.now,
  ) {
    this.#requests = limits.requestsPerMinute ? new Bucket(limits.requestsPerMinute, now()) : undefined;
    this.#tokens = limits.tokensPerMinute ? new Bucket(limits.tokensPerMinute, now()) : undefined;
    this.#signal = signal;
    signal?.addEventListener('abort', () => this.#cancel(signal.reason), { once: true });
  }

  /** Resolves with a release function once the request may go; `tokens` is its worst-case size. */
  acquire(tokens: number): Promise<() => void> {
    return new Promise((resolve, reject) => {
      if (this.#signal?.aborted) return reject(this.#signal.reason);
      this.#queue.push({ tokens, resolve, reject });
      this.#pump();
    });
  }

  /** Everyone waits at least `ms` from now. */
  pause(ms: number): void {
    this.#pausedUntil = Math.max(this.#pausedUntil, this.now() + ms);
  }

  /** Reads the server's view of the limits: when a window is used up, wait for its reset. */
  observe(rate: RateHeaders): void {
    if (rate.remainingRequests === 0 && rate.resetRequestsMs !== undefined) this.pause(rate.resetRequestsMs);
    if (rate.remainingTokens === 0 && rate.resetTokensMs !== undefined) this.pause(rate.resetTokensMs);
  }

  #cancel(reason: unknown): void {
    if (this.#timer) clearTimeout(this.#timer);
    for (const w of this.#queue.splice(0)) w.reject(reason);
  }

  #pump(): void {
    if (this.#timer) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
    }
    while (this.#queue.length > 0 && this.#active < this.limits.concurrency) {
      const head = this.#queue[0]!;
      const now = this.now();
      const wait = Math.max(this.#pausedUntil - now, this.#requests?.waitFor(1, now) ?? 0, this.#tokens?.waitFor(head.tokens, now) ?? 0);
      if (wait > 0) {
        this.#timer = setTimeout(() => this.#pump(), wait);
        return;
      }
      this.#queue.shift();
      this.#requests?.take(1, now);
      this.#tokens?.take(head.tokens, now);
      this.#active++;
      let released = false;
      head.resolve(() => {
        if (released) return;
        released = true;
        this.#active--;
        this.#pump();
      });
    }
  }
}
