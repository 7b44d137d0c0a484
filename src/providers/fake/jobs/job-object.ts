import type { JobRecord } from './job-record.js';
import { estimatedFinish, jobState, TERMINAL, type JobStatus } from './timeline.js';

/** How a job is shown: the org it belongs to and whether a paused job says so (see wireStatus). */
export interface JobView {
  organizationId: string;
  /** Asked for paused jobs only: show `status: "paused"`, outside OpenAI's published document? */
  showPaused: () => boolean;
}

/**
 * The status as sent. OpenAI's published document has no `paused` in the job's status enum
 * (only its pause example shows it), so by default a paused job shows `queued`: not ended, not
 * training, and where the document's resume example puts a resumed job. The fault switch sends
 * `paused` to test that a client treats a status it does not know as still running.
 */
const wireStatus = (status: JobStatus, view: JobView): JobStatus => (status === 'paused' && !view.showPaused() ? 'queued' : status);

/**
 * The `fine_tuning.job` object at wall time `now` (openai-api.md §2.3), as OpenAI's published
 * OpenAPI document allows it (npm run check-fakes): resolved hyperparameters once validation is
 * over, `"auto"` before; `error` null on healthy jobs (the real API has been seen sending an
 * object of nulls, which the document rejects; our adapter reads both).
 */
export const jobObject = (job: JobRecord, now: number, view: JobView) => {
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
    organization_id: view.organizationId,
    result_files: succeeded && job.resultFileId ? [job.resultFileId] : [],
    status: wireStatus(state.status, view),
    validation_file: job.validationFile,
    training_file: job.trainingFile,
    // DPO values live under `method.dpo`. Real DPO jobs have shown `hyperparameters: null`, which
    // the document rejects (required, an object, "only returned for supervised jobs"): `{}`.
    hyperparameters:
      job.methodType === 'dpo' ? {} : { n_epochs: hp.n_epochs, batch_size: hp.batch_size, learning_rate_multiplier: hp.learning_rate_multiplier },
    method: job.methodType === 'dpo' ? { type: 'dpo', dpo: { hyperparameters: methodHp } } : { type: 'supervised', supervised: { hyperparameters: methodHp } },
    trained_tokens: succeeded ? job.plan.tokensPerEpoch * job.plan.hyperparameters.n_epochs : null,
    error: state.error,
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
