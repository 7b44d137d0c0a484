import { finalizeBatches } from './batches/run-batch.js';
import type { FakeCore } from './core.js';
import { finalizeJobs } from './jobs/finalize.js';

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
