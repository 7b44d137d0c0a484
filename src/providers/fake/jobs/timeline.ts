import type { JobError, JobRecord } from './job-record.js';

/**
 * A job's state at a moment, computed from its plan and the clock. "Effective" time is time since
 * creation minus time spent paused: the plan is laid out in effective seconds
 * (validating → queued → running → end), pauses only stretch the wall-clock mapping.
 */
export type JobStatus = 'validating_files' | 'queued' | 'running' | 'paused' | 'succeeded' | 'failed' | 'cancelled';

export const TERMINAL: ReadonlySet<JobStatus> = new Set(['succeeded', 'failed', 'cancelled']);

export interface JobState {
  status: JobStatus;
  /** Effective seconds reached (frozen at the end for terminal jobs). */
  effective: number;
  /** Training steps completed. */
  stepsDone: number;
  /** Wall seconds of the terminal transition, else null. */
  finishedAt: number | null;
  error: JobError | null;
}

/** Effective offsets of the plan's milestones. */
export const milestones = (job: JobRecord) => {
  const { validatingSeconds: v, queuedSeconds: q, runningSeconds: r } = job.plan.timing;
  const runStart = v + q;
  const failAt = job.plan.validationError ? v : job.plan.midRunFailure ? runStart + job.plan.midRunFailure.atFraction * r : null;
  return { validated: v, runStart, runEnd: runStart + r, failAt };
};

/** Effective seconds elapsed at wall time `now`. */
export const effectiveAt = (job: JobRecord, now: number): number => {
  let paused = 0;
  for (const p of job.pauses) {
    if (p.fromWall >= now) continue;
    paused += Math.min(p.toWall ?? now, now) - p.fromWall;
  }
  return Math.max(0, now - job.createdAt - paused);
};

/** Wall seconds at which effective offset `offset` is (or will be) reached. */
export const wallAt = (job: JobRecord, offset: number): number => {
  let wall = job.createdAt + offset;
  for (const p of job.pauses) if (p.effectiveAt < offset) wall += (p.toWall ?? Infinity) - p.fromWall;
  return wall;
};

/** Completed steps at effective offset `t`. */
export const stepsAt = (job: JobRecord, t: number): number => {
  const { runStart } = milestones(job);
  const { runningSeconds } = job.plan.timing;
  if (t < runStart) return 0;
  if (runningSeconds <= 0) return job.plan.totalSteps;
  return Math.min(job.plan.totalSteps, Math.floor(((t - runStart) / runningSeconds) * job.plan.totalSteps + 1e-9));
};

/** Effective offset at which step `step` completes. */
export const stepOffset = (job: JobRecord, step: number): number =>
  milestones(job).runStart + (job.plan.timing.runningSeconds * step) / job.plan.totalSteps;

export const jobState = (job: JobRecord, now: number): JobState => {
  const m = milestones(job);
  const t = effectiveAt(job, now);
  const failAt = m.failAt;
  // A natural end (failure or success) reached before a cancel wins: cancel is refused on terminal jobs.
  if (failAt !== null && t >= failAt && (job.cancelled === null || job.cancelled.effectiveAt >= failAt)) {
    const error = job.plan.validationError ?? { code: job.plan.midRunFailure!.code, message: job.plan.midRunFailure!.message, param: null };
    return { status: 'failed', effective: failAt, stepsDone: stepsAt(job, failAt), finishedAt: wallAt(job, failAt), error };
  }
  if (job.cancelled !== null) {
    const at = job.cancelled.effectiveAt;
    return { status: 'cancelled', effective: at, stepsDone: stepsAt(job, at), finishedAt: job.cancelled.wall, error: null };
  }
  if (failAt === null && t >= m.runEnd) {
    return { status: 'succeeded', effective: m.runEnd, stepsDone: job.plan.totalSteps, finishedAt: wallAt(job, m.runEnd), error: null };
  }
  const open = job.pauses.at(-1);
  const status: JobStatus = open && open.toWall === null ? 'paused' : t < m.validated ? 'validating_files' : t < m.runStart ? 'queued' : 'running';
  return { status, effective: t, stepsDone: stepsAt(job, t), finishedAt: null, error: null };
};

/** When a healthy job is expected to finish (wall seconds), shown as `estimated_finish`. */
export const estimatedFinish = (job: JobRecord): number | null => {
  if (job.plan.validationError) return null;
  const end = wallAt(job, milestones(job).runEnd);
  return Number.isFinite(end) ? end : null;
};
