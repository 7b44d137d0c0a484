import { createHash } from 'node:crypto';
import { epochEndSteps, metricsShape } from '../fake/jobs/checkpoints.js';
import type { JobRecord } from '../fake/jobs/job-record.js';
import { isValidationStep, metricsStride, stepMetrics } from '../fake/jobs/metrics.js';
import { jobState, milestones, stepOffset, wallAt, type JobStatus } from '../fake/jobs/timeline.js';
import type { TogetherCheckpoint, TogetherEvent, TogetherJobStatus } from './wire.js';

/**
 * Together's job, event, checkpoint and metrics objects (openapi.yaml: FinetuneResponse,
 * FinetuneResponseTruncated, FineTuneEvent, FineTuneCheckpoint, the metrics endpoint), rendered
 * from the shared fake core's job record and clock: the lifecycle is the core's plan (validating,
 * queued, running, end), only the words and shapes are Together's.
 */

/** What a Together job has that the shared job record does not. */
export interface TogetherExtras {
  learningRate: number;
  batchSize: number;
  nCheckpoints: number;
  nEvals: number;
  trainingType: { type: 'Lora'; lora_r: number; lora_alpha: number; lora_dropout: number; lora_trainable_modules: string } | { type: 'Full' };
  trainingMethod: Record<string, unknown>;
  maxSeqLength: number | null;
  wandbProjectName: string | null;
}

const extras = new WeakMap<JobRecord, TogetherExtras>();
export const setExtras = (job: JobRecord, x: TogetherExtras): void => void extras.set(job, x);
/** Whether the record is one of this dialect's jobs (the shared store may hold OpenAI-shaped ones too). */
export const extrasOf = (job: JobRecord): TogetherExtras | undefined => extras.get(job);

const STATUS: Record<JobStatus, TogetherJobStatus> = {
  validating_files: 'pending',
  queued: 'queued',
  running: 'running',
  // Together has no pause; a paused record (never made by this dialect) still reads as running.
  paused: 'running',
  succeeded: 'completed',
  failed: 'error',
  cancelled: 'cancelled',
};

const iso = (wallSeconds: number): string => new Date(Math.floor(wallSeconds * 1000)).toISOString();

/** `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx` from a seed: Together's ids are `ft-` and `file-` plus a uuid. */
export const uuidFrom = (seed: string): string => {
  const h = createHash('sha256').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

/** `<org>/<base name>-<suffix>-<8 hex>`, the shape of Together's model_output_name. */
export const outputModelName = (orgSlug: string, model: string, suffix: string | null, jobId: string): string => {
  const base = model.split('/').at(-1)!;
  const tail = createHash('sha256').update(`${jobId}:model`).digest('hex').slice(0, 8);
  return `${orgSlug}/${base}${suffix ? `-${suffix}` : ''}-${tail}`;
};

/** Steps at which checkpoints are saved: `n_checkpoints` spread evenly, the last one the final model. */
export const checkpointSteps = (job: JobRecord, n: number): number[] => {
  const total = job.plan.totalSteps;
  const steps = new Set<number>();
  for (let k = 1; k <= Math.max(1, n); k++) steps.add(Math.max(1, Math.round((k * total) / Math.max(1, n))));
  return [...steps].sort((a, b) => a - b);
};

export const togetherStatus = (job: JobRecord, now: number): TogetherJobStatus => STATUS[jobState(job, now).status];

interface Draft {
  wall: number;
  type: string;
  message: string;
  level?: 'info' | 'error';
  step?: number;
  checkpointPath?: string;
  modelPath?: string;
}

export const jobEvents = (job: JobRecord, now: number): TogetherEvent[] => {
  const x = extras.get(job)!;
  const state = jobState(job, now);
  const m = milestones(job);
  const reached = state.effective;
  const drafts: Draft[] = [];
  const add = (offset: number, d: Omit<Draft, 'wall'>) => {
    if (offset <= reached) drafts.push({ ...d, wall: wallAt(job, offset) });
  };
  add(0, { type: 'job_pending', message: 'Fine tune request created' });
  if (job.plan.validationError) {
    add(m.validated, { type: 'job_error', level: 'error', message: job.plan.validationError.message });
  } else {
    add(m.validated, { type: 'job_start', message: `Job started at ${iso(wallAt(job, m.validated))}` });
    add(m.runStart, { type: 'model_download_complete', message: `Model data downloaded for ${job.model}` });
    add(m.runStart, { type: 'training_data_download_complete', message: `Training data downloaded for ${job.trainingFile}` });
    add(m.runStart, { type: 'training_start', message: `Training started for model ${job.model}` });
    const saves = new Set(checkpointSteps(job, x.nCheckpoints).filter((s) => s < job.plan.totalSteps));
    const epochEnds = new Set(epochEndSteps(job));
    for (let step = 1; step <= state.stepsDone; step++) {
      if (epochEnds.has(step)) add(stepOffset(job, step), { type: 'epoch_complete', message: `Epoch completed, at step ${step}`, step });
      if (saves.has(step)) add(stepOffset(job, step), { type: 'checkpoint_save', message: `New checkpoint saved at step ${step}`, step, checkpointPath: `${job.fineTunedModel}/checkpoint-${step}` });
    }
    if (state.status === 'failed') add(state.effective, { type: 'job_error', level: 'error', message: state.error?.message ?? 'The job failed' });
    if (state.status === 'succeeded') {
      add(m.runEnd, { type: 'training_complete', message: `Training completed for ${job.model} at ${iso(wallAt(job, m.runEnd))}` });
      add(m.runEnd, { type: 'model_upload_complete', message: 'Model upload complete', modelPath: job.fineTunedModel });
      add(m.runEnd, { type: 'job_complete', message: `Job finished at ${iso(wallAt(job, m.runEnd))}` });
    }
  }
  if (state.status === 'cancelled' && job.cancelled) {
    drafts.push({ wall: job.cancelled.wall, type: 'cancel_requested', message: 'Cancel requested' });
    drafts.push({ wall: job.cancelled.wall, type: 'job_stopped', message: 'Job stopped' });
  }
  const tokens = job.plan.tokensPerEpoch * job.plan.hyperparameters.n_epochs;
  return drafts
    .map((d, i) => ({ d, i }))
    .sort((a, b) => a.d.wall - b.d.wall || a.i - b.i)
    .map(({ d }, i) => ({
      object: 'fine-tune-event',
      created_at: iso(d.wall),
      level: d.level ?? 'info',
      message: d.message,
      type: d.type,
      param_count: 0,
      token_count: tokens,
      total_steps: job.plan.totalSteps,
      wandb_url: '',
      step: d.step ?? 0,
      checkpoint_path: d.checkpointPath ?? '',
      model_path: d.modelPath ?? '',
      training_offset: 0,
      hash: createHash('sha256').update(`${job.id}:event:${i}:${d.type}:${d.step ?? ''}`).digest('hex').slice(0, 32),
    }));
};

/** Checkpoints saved so far: intermediate ones as their step is reached, the final one at success. */
export const jobCheckpoints = (job: JobRecord, now: number): TogetherCheckpoint[] => {
  const x = extras.get(job)!;
  const state = jobState(job, now);
  return checkpointSteps(job, x.nCheckpoints)
    .filter((step) => (step === job.plan.totalSteps ? state.status === 'succeeded' : step <= state.stepsDone))
    .map((step) => ({
      step,
      path: step === job.plan.totalSteps ? job.fineTunedModel : `${job.fineTunedModel}/checkpoint-${step}`,
      created_at: iso(wallAt(job, stepOffset(job, step))),
      checkpoint_type: step === job.plan.totalSteps ? 'Final' : 'Intermediate',
    }))
    .reverse();
};

/** The metrics endpoint's flat dictionaries, oldest step first, up to the steps done. */
export const jobMetrics = (job: JobRecord, now: number): Record<string, number>[] => {
  const x = extras.get(job)!;
  const state = jobState(job, now);
  const shape = metricsShape(job);
  const stride = metricsStride(job.plan.totalSteps);
  const out: Record<string, number>[] = [];
  for (let step = 1; step <= state.stepsDone; step++) {
    if (step % stride !== 0 && step !== job.plan.totalSteps) continue;
    const s = stepMetrics(job.id, step, shape);
    const entry: Record<string, number> = { 'train/loss': s.train_loss, 'train/learning_rate': x.learningRate * (1 - step / (job.plan.totalSteps + 1)), 'train/global_step': step };
    if (isValidationStep(step, shape) && s.valid_loss !== undefined) entry['eval/loss'] = s.valid_loss;
    out.push(entry);
  }
  return out;
};

/** The truncated job (create, list, cancel); `full` adds what `GET /fine-tunes/{id}` carries (events). */
export const jobObject = (job: JobRecord, now: number, owner: string, full: boolean): Record<string, unknown> => {
  const x = extras.get(job)!;
  const state = jobState(job, now);
  const status = STATUS[state.status];
  const m = milestones(job);
  const updated = state.finishedAt ?? (state.effective >= m.runStart ? wallAt(job, m.runStart) : state.effective >= m.validated ? wallAt(job, m.validated) : job.createdAt);
  const tokens = job.plan.validationError ? 0 : job.plan.tokensPerEpoch * job.plan.hyperparameters.n_epochs;
  const base: Record<string, unknown> = {
    id: job.id,
    status,
    created_at: iso(job.createdAt),
    updated_at: iso(updated),
    ...(state.effective >= m.runStart ? { started_at: iso(wallAt(job, m.runStart)) } : {}),
    user_id: owner,
    owner_address: `${owner}@fake.invalid`,
    total_price: 0,
    token_count: tokens,
    model: job.model,
    model_output_name: job.fineTunedModel,
    ...(job.suffix ? { suffix: job.suffix } : {}),
    training_file: job.trainingFile,
    ...(job.validationFile ? { validation_file: job.validationFile } : {}),
    n_epochs: job.plan.hyperparameters.n_epochs,
    n_checkpoints: x.nCheckpoints,
    n_evals: x.nEvals,
    batch_size: x.batchSize,
    learning_rate: x.learningRate,
    training_type: x.trainingType,
    training_method: x.trainingMethod,
    random_seed: job.seed,
    ...(x.maxSeqLength !== null ? { max_seq_length: x.maxSeqLength } : {}),
    ...(x.wandbProjectName ? { wandb_project_name: x.wandbProjectName } : {}),
    events: [],
  };
  if (!full) return base;
  const epochsDone = Math.floor(state.stepsDone / job.plan.stepsPerEpoch);
  return { ...base, events: jobEvents(job, now), epochs_completed: epochsDone, trainingfile_numlines: job.plan.examples };
};
