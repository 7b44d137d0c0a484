/** A clock and sleep that only move when told to, so timing tests never really wait. */
export interface FakeTimers {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  /** Fires every pending sleep in time order (and those they schedule), moving the clock to each. */
  runAll: () => Promise<void>;
  /** Moves the clock forward, firing the sleeps that fall due on the way. */
  advance: (ms: number) => Promise<void>;
  /** How many sleeps have been asked for. */
  sleeps: () => number;
}

export function fakeTimers(start = 0): FakeTimers {
  let time = start;
  let asked = 0;
  let seq = 0;
  const pending: { at: number; seq: number; resolve: () => void }[] = [];
  // Lets awaiting code run to its next sleep; a macrotask turn flushes every queued microtask.
  const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

  const fireUntil = async (limit: number) => {
    await settle();
    for (;;) {
      pending.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = pending[0];
      if (next === undefined || next.at > limit) break;
      pending.shift();
      time = Math.max(time, next.at);
      next.resolve();
      await settle();
    }
  };

  return {
    now: () => time,
    sleep: (ms) => {
      asked++;
      return new Promise<void>((resolve) => pending.push({ at: time + ms, seq: seq++, resolve }));
    },
    runAll: () => fireUntil(Infinity),
    advance: async (ms) => {
      const target = time + ms;
      await fireUntil(target);
      time = target;
    },
    sleeps: () => asked,
  };
}
