import { finalizeBatches } from './batches/run-batch.js';
import type { ChatBehaviour } from './chat/behaviour.js';
import type { FakeClock } from './fake-clock.js';
import type { FaultSwitches } from './faults.js';
import { finalizeJobs } from './jobs/finalize.js';
import type { CatalogContext } from './model-catalog.js';
import type { IdFactory } from './random.js';
import type { FakeStore } from './store.js';
import type { FakeConfig, FakeHooks } from './types.js';

/** What every route handler works with: the server's state and settings, nothing HTTP-specific. */
export interface FakeCore {
  clock: FakeClock;
  store: FakeStore;
  ids: IdFactory;
  faults: FaultSwitches;
  hooks: FakeHooks;
  config: FakeConfig;
  behaviours: Map<string, ChatBehaviour>;
  answerKey: Map<string, string>;
}

export const catalogContext = (core: FakeCore): CatalogContext => ({
  store: core.store,
  now: core.clock.now(),
  overrides: core.config.modelTable,
  chatOnly: [...core.behaviours.keys()],
  newJobsEndDate: core.config.newJobsEndDate,
});

/**
 * Brings stored state up to the clock before a request is served: jobs that have succeeded since
 * the last request get their result file and models, finished batches their output files. This is
 * the "lazy" half of the time model: nothing changes between requests, everything is caught up on
 * the next one.
 */
export const syncToClock = async (core: FakeCore): Promise<void> => {
  finalizeJobs(core);
  await finalizeBatches(core, core.store.batches.values());
};
