import type { ChatBehaviour } from './chat/behaviour.js';
import type { FakeClock } from './fake-clock.js';
import type { FaultSwitches } from './faults.js';
import type { CatalogContext } from './model-catalog.js';
import type { IdFactory } from './random.js';
import type { RateLimitWindow } from './rate-limits.js';
import type { FakeStore } from './store.js';
import type { FakeConfig, FakeHooks } from './types.js';

/**
 * What every route handler works with: the server's state and settings, nothing HTTP-specific.
 * Types and pure accessors only: modules that need the core import it without importing anything
 * that runs, so no import cycle can pass through here (catching state up lives in sync-to-clock.ts).
 */
export interface FakeCore {
  clock: FakeClock;
  store: FakeStore;
  ids: IdFactory;
  faults: FaultSwitches;
  hooks: FakeHooks;
  config: FakeConfig;
  behaviours: Map<string, ChatBehaviour>;
  answerKey: Map<string, string>;
  /** Requests and tokens answered in the current simulated minute, for the x-ratelimit headers. */
  rateLimits: RateLimitWindow;
}

export const catalogContext = (core: FakeCore): CatalogContext => ({
  store: core.store,
  now: core.clock.now(),
  overrides: core.config.modelTable,
  chatOnly: [...core.behaviours.keys()],
  newJobsEndDate: core.config.newJobsEndDate,
});
