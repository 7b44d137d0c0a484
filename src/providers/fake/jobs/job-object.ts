import type { JobRecord } from './job-record.js';
import { estimatedFinish, jobState, TERMINAL } from './timeline.js';

/**
 * The `fine_tuning.job` object at wall time `now` (openai-api.md §2.3): resolved hyperparameters
 * once validation is over, `"auto"` before; `error` an all-null object on healthy jobs, as the
 * real API sends it (the SDK type says `Error | null`, so clients must check `status`).
 */
export const jobObject = (job: JobRecord, now: number, organizationId: string) => {
  const state = jobState(job, now);
  const resolved = state.status !== 'validating_files' && !(state.status === 'failed' && job.plan.validationError);
  const hp = resolved ? job.plan.hyperparameters : job.requested;
  const methodHp = job.methodType === 'dpo' ? hp : { n_epochs: hp.n_epochs, batch_size: hp.batch_size, learning_rate_multiplier: hp.learning_rate_multiplier };
  const succeeded = state.status === 'succeeded';
  return {
    id: job.id,
    object: 'fine_tuning.job' as const,
    model: job.model,
    created_at: Math.floor(job.createdAt),
    finished_at: state.finishedAt === null ? null : Math.floor(state.finishedAt),
    fine_tuned_model: succeeded ? job.fineTunedModel : null,
    organization_id: organizationId,
    result_files: succeeded && job.resultFileId ? [job.resultFileId] : [],
    status: state.status,
    validation_file: job.validationFile,
    training_file: job.trainingFile,
    // Real DPO jobs show `hyperparameters: null`; the values live under `method.dpo`.
    hyperparameters:
      job.methodType === 'dpo' ? null : { n_epochs: hp.n_epochs, batch_size: hp.batch_size, learning_rate_multiplier: hp.learning_rate_multiplier },
    method: job.methodType === 'dpo' ? { type: 'dpo', dpo: { hyperparameters: methodHp } } : { type: 'supervised', supervised: { hyperparameters: methodHp } },
    trained_tokens: succeeded ? job.plan.tokensPerEpoch * job.plan.hyperparameters.n_epochs : null,
    error: state.error ?? { code: null, message: null, param: null },
    user_provided_suffix: job.suffix,
    seed: job.seed,
    estimated_finish: TERMINAL.has(state.status) || state.status === 'paused' ? null : estimatedFinishSeconds(job),
    integrations: job.integrations,
    metadata: job.metadata,
    usage_metrics: null,
    shared_with_openai: false,
  };
};

const estimatedFinishSeconds = (job: JobRecord): number | null => {
  const at = estimatedFinish(job);
  return at === null ? null : Math.floor(at);
};
