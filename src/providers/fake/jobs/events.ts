import { hashAlphanumeric } from '../random.js';
import { checkpointModel, epochEndSteps, metricsShape } from './checkpoints.js';
import type { JobRecord } from './job-record.js';
import { metricsStride, stepMessage, stepMetrics } from './metrics.js';
import { jobState, milestones, stepOffset, wallAt } from './timeline.js';

/**
 * A job's events as of now, oldest first (the route reverses them): the message sequence real
 * jobs log (openai-api.md §2.5), generated from the plan and the clock on every request.
 */
export interface EventObject {
  id: string;
  object: 'fine_tuning.job.event';
  created_at: number;
  level: 'info' | 'warn' | 'error';
  message: string;
  type: 'message' | 'metrics';
  /** `{}` on message events: OpenAI's published document allows an object only. */
  data: Record<string, unknown>;
}

interface Draft {
  key: string;
  wall: number;
  level?: EventObject['level'];
  message: string;
  type?: EventObject['type'];
  data?: Record<string, unknown>;
}

export const jobEvents = (job: JobRecord, now: number): EventObject[] => {
  const state = jobState(job, now);
  const reached = state.effective;
  const m = milestones(job);
  const drafts: Draft[] = [];
  const at = (offset: number) => wallAt(job, offset);
  const add = (offset: number, draft: Omit<Draft, 'wall'>) => {
    if (offset <= reached) drafts.push({ ...draft, wall: at(offset) });
  };

  add(0, { key: 'created', message: `Created fine-tuning job: ${job.id}` });
  add(0, {
    key: 'validating',
    message: job.validationFile
      ? `Validating training file: ${job.trainingFile} and validation file: ${job.validationFile}`
      : `Validating training file: ${job.trainingFile}`,
  });
  if (job.plan.validationError) {
    add(m.validated, { key: 'failed', level: 'error', message: job.plan.validationError.message });
  } else {
    add(m.validated, { key: 'validated', message: 'Files validated, moving job to queued state' });
    // Real jobs have sent `data: null` here; the published document types `data` as an object.
    add(m.runStart, { key: 'started', message: 'Fine-tuning job started' });
    const shape = metricsShape(job);
    const stride = metricsStride(job.plan.totalSteps);
    const epochEnds = new Set(epochEndSteps(job));
    for (let step = 1; step <= state.stepsDone; step++) {
      if (step % stride === 0 || step === job.plan.totalSteps) {
        const metrics = stepMetrics(job.id, step, shape);
        add(stepOffset(job, step), { key: `step:${step}`, type: 'metrics', message: stepMessage(metrics), data: { ...metrics } });
      }
      if (epochEnds.has(step) && step < job.plan.totalSteps) {
        add(stepOffset(job, step), { key: `ckpt:${step}`, message: `Checkpoint created at step ${step} with Snapshot ID: ${checkpointModel(job, step)}` });
      }
    }
    if (state.status === 'failed') {
      add(state.effective, { key: 'failed', level: 'error', message: `Fine-tuning job failed: ${state.error?.message ?? 'unknown error'}` });
    }
    if (state.status === 'succeeded') {
      add(m.runEnd, { key: 'model', message: `New fine-tuned model created: ${job.fineTunedModel}` });
      add(m.runEnd, { key: 'done', message: 'The job has successfully completed' });
    }
  }
  // Pauses and the cancel happen at wall times of their own, outside the plan.
  for (const [i, p] of job.pauses.entries()) {
    drafts.push({ key: `pause:${i}`, wall: p.fromWall, message: 'Fine-tuning job paused' });
    if (p.toWall !== null) drafts.push({ key: `resume:${i}`, wall: p.toWall, message: 'Fine-tuning job resumed' });
  }
  if (state.status === 'cancelled' && job.cancelled) drafts.push({ key: 'cancelled', wall: job.cancelled.wall, message: 'Fine-tuning job cancelled' });

  // Stable sort: events at the same moment keep the order they were written in.
  return drafts
    .map((d, i) => ({ d, i }))
    .sort((a, b) => a.d.wall - b.d.wall || a.i - b.i)
    .map(({ d }) => ({
      id: `ftevent-${hashAlphanumeric(`${job.id}:event:${d.key}`, 24)}`,
      object: 'fine_tuning.job.event' as const,
      created_at: Math.floor(d.wall),
      level: d.level ?? 'info',
      message: d.message,
      type: d.type ?? 'message',
      data: d.data ?? {},
    }));
};
