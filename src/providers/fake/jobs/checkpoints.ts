import { hashAlphanumeric } from '../random.js';
import type { JobRecord } from './job-record.js';
import { stepMetrics, type MetricsShape } from './metrics.js';
import { checkpointModelName } from './plan.js';
import { stepOffset, wallAt } from './timeline.js';

/**
 * Checkpoints: one per epoch, only the last 3 kept, listed once the job has succeeded
 * (openai-api.md §2.6). The last one's model is the job's `fine_tuned_model`.
 */
export const KEPT_CHECKPOINTS = 3;

export interface CheckpointObject {
  id: string;
  object: 'fine_tuning.job.checkpoint';
  created_at: number;
  fine_tuned_model_checkpoint: string;
  fine_tuning_job_id: string;
  step_number: number;
  metrics: Record<string, number>;
}

export const metricsShape = (job: JobRecord): MetricsShape => ({
  totalSteps: job.plan.totalSteps,
  stepsPerEpoch: job.plan.stepsPerEpoch,
  hasValidation: job.validationFile !== null,
});

/** Steps at which each epoch ends, first to last. */
export const epochEndSteps = (job: JobRecord): number[] =>
  Array.from({ length: job.plan.hyperparameters.n_epochs }, (_, i) => Math.min(job.plan.totalSteps, (i + 1) * job.plan.stepsPerEpoch));

/** The model name of the checkpoint at `step` (the final step's is the fine-tuned model). */
export const checkpointModel = (job: JobRecord, step: number): string =>
  step === job.plan.totalSteps ? job.fineTunedModel : checkpointModelName(job.fineTunedModel, job.id, step);

/** Kept checkpoints, newest first. */
export const checkpointsOf = (job: JobRecord): CheckpointObject[] => {
  const shape = metricsShape(job);
  return epochEndSteps(job)
    .slice(-KEPT_CHECKPOINTS)
    .reverse()
    .map((step) => {
      const { total_steps: _total, ...metrics } = stepMetrics(job.id, step, shape);
      return {
        id: `ftckpt_${hashAlphanumeric(`${job.id}:checkpoint:${step}`, 24)}`,
        object: 'fine_tuning.job.checkpoint' as const,
        created_at: Math.floor(wallAt(job, stepOffset(job, step))),
        fine_tuned_model_checkpoint: checkpointModel(job, step),
        fine_tuning_job_id: job.id,
        step_number: step,
        metrics: metrics as unknown as Record<string, number>,
      };
    });
};
