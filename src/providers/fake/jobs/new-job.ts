import type { FakeCore } from '../core.js';
import type { JobRecord } from './job-record.js';
import { planJob } from './plan.js';

/** What a dialect's create route decides about a job; the rest is the same in every dialect. */
export type NewJobFields = Pick<
  JobRecord,
  'id' | 'model' | 'baseSnapshot' | 'trainingFile' | 'validationFile' | 'suffix' | 'seed' | 'metadata' | 'integrations' | 'methodType' | 'requested' | 'legacyHyperparameters' | 'fineTunedModel'
>;

/**
 * A job created now on the core's clock, planned from its training and validation bytes with the
 * core's timing and whatever mid-run failure a fault switch chose; not paused, cancelled or
 * finalized. The caller stores it (its key may differ from the id's form).
 */
export const newJobRecord = (core: FakeCore, f: NewJobFields, data: { training: Buffer; validation: Buffer | null }): JobRecord => ({
  id: f.id,
  seq: core.store.nextSeq(),
  createdAt: core.clock.nowFractionalSeconds(),
  model: f.model,
  baseSnapshot: f.baseSnapshot,
  trainingFile: f.trainingFile,
  validationFile: f.validationFile,
  suffix: f.suffix,
  seed: f.seed,
  metadata: f.metadata,
  integrations: f.integrations,
  methodType: f.methodType,
  requested: f.requested,
  legacyHyperparameters: f.legacyHyperparameters,
  plan: planJob({
    method: f.methodType,
    requested: f.requested,
    training: data.training,
    validation: data.validation,
    timing: core.config.jobTiming,
    midRunFailure: core.faults.jobFailure(),
  }),
  pauses: [],
  cancelled: null,
  fineTunedModel: f.fineTunedModel,
  resultFileId: null,
  finalized: false,
});
