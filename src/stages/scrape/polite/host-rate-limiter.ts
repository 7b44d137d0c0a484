export interface HostRateLimiterOptions {
  /** Request starts per second to any one host; Infinity leaves only delayHost's pauses. */
  requestsPerSecond: number;
  /** A monotonic millisecond clock; injected by tests. */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface HostRateLimiter {
  /** Resolves when a request to the host of `url` may start; that start takes the host's next slot. */
  acquire(url: string): Promise<void>;
  /** No request to the host of `url` starts before `ms` from now (Retry-After, 429/503 backoff). */
  delayHost(url: string, ms: number): void;
  /** Spaces this host's request starts by at least `ms` from now on (robots.txt Crawl-delay); never narrows the spacing. */
  slowHost(url: string, ms: number): void;
}

interface HostState {
  /** The earliest time the next reservation may take. */
  next: number;
  /** Set by delayHost; callers already waiting for an earlier slot wait again after it. */
  pausedUntil: number;
  /** Milliseconds between starts: the global spacing, or a wider one from slowHost. */
  interval: number;
}

/**
 * Spaces the starts of requests to one host by at least 1000/requestsPerSecond ms. Hosts are keyed by URL.host
 * (host plus any non-default port), so http and https on their default ports share one budget, as they
 * usually share one server.
 *
 * Each caller reserves a slot when it calls, so N concurrent callers get N successive slots rather than all
 * waking at the same moment and racing for one (a thundering herd that would burst the server).
 */
export function createHostRateLimiter(options: HostRateLimiterOptions): HostRateLimiter {
  const { requestsPerSecond } = options;
  if (!(requestsPerSecond > 0)) throw new RangeError(`requestsPerSecond must be > 0, got ${requestsPerSecond}`);
  const interval = 1000 / requestsPerSecond;
  const now = options.now ?? (() => performance.now());
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const hosts = new Map<string, HostState>();

  const stateFor = (url: string): HostState => {
    const host = new URL(url).host;
    let state = hosts.get(host);
    if (state === undefined) hosts.set(host, (state = { next: -Infinity, pausedUntil: -Infinity, interval }));
    return state;
  };

  return {
    async acquire(url) {
      const state = stateFor(url);
      for (;;) {
        const t = now();
        const slot = Math.max(t, state.next, state.pausedUntil);
        state.next = slot + state.interval;
        if (slot > t) await sleep(slot - t);
        // A delayHost that arrived while we slept outranks our reservation: take a new one after the pause.
        // The slot we leave unused only makes the spacing wider.
        if (state.pausedUntil <= now()) return;
      }
    },
    delayHost(url, ms) {
      const state = stateFor(url);
      const until = now() + Math.max(0, ms);
      state.pausedUntil = Math.max(state.pausedUntil, until);
      state.next = Math.max(state.next, until);
    },
    slowHost(url, ms) {
      const state = stateFor(url);
      state.interval = Math.max(state.interval, ms);
    },
  };
}
