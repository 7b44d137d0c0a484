import { badRequest, notFound } from '../api-error.js';
import { catalogContext, type FakeCore } from '../core.js';
import { cursorPage, parseLimit } from '../cursor-page.js';
import { parseCreateJob } from '../jobs/create-request.js';
import { finalizeJobs } from '../jobs/finalize.js';
import { jobObject, type JobView } from '../jobs/job-object.js';
import type { JobRecord } from '../jobs/job-record.js';
import { newJobRecord } from '../jobs/new-job.js';
import { fineTunedModelName } from '../jobs/plan.js';
import { effectiveAt, jobState, TERMINAL } from '../jobs/timeline.js';
import { resolveTrainableModel } from '../model-catalog.js';
import { jsonObject } from '../request-body.js';
import type { Route, RouteContext } from '../router.js';
import { hashSeed } from '../random.js';

/** Fine-tuning jobs (openai-api.md §2.1-§2.4): create, list, retrieve, cancel, pause, resume. */


/** A training or validation file the job may use: it must exist and have purpose fine-tune. */
const usableFile = (core: FakeCore, id: string, param: 'training_file' | 'validation_file') => {
  const f = core.store.liveFile(id, core.clock.nowSeconds());
  if (!f) throw badRequest(`invalid ${param}: ${id}`, param, null);
  if (f.purpose !== 'fine-tune') throw badRequest(`File ${id} has purpose '${f.purpose}'; fine-tuning requires purpose 'fine-tune'.`, param, 'invalid_file_purpose');
  return f;
};

const create = (ctx: RouteContext) => {
  const { core } = ctx;
  const request = parseCreateJob(jsonObject(ctx.body));
  if (request.methodType === 'reinforcement') {
    throw badRequest('Reinforcement fine-tuning is not supported by the fake OpenAI server.', 'method.type', 'unsupported_method');
  }
  const { jobModel, snapshot } = resolveTrainableModel(request.model, request.methodType, catalogContext(core));
  const training = usableFile(core, request.trainingFile, 'training_file');
  const validation = request.validationFile === null ? null : usableFile(core, request.validationFile, 'validation_file');
  const id = core.ids.job();
  const job = newJobRecord(core, {
    id,
    model: jobModel,
    baseSnapshot: snapshot,
    trainingFile: training.id,
    validationFile: validation?.id ?? null,
    suffix: request.suffix,
    // "Generated if omitted": derived from the id so it is reproducible too.
    seed: request.seed ?? hashSeed(`${id}:seed`) % 2_147_483_648,
    metadata: request.metadata,
    integrations: request.integrations,
    methodType: request.methodType,
    requested: request.requested,
    legacyHyperparameters: request.legacyHyperparameters,
    fineTunedModel: fineTunedModelName(snapshot, core.config.orgSlug, request.suffix, id),
  }, { training: training.content, validation: validation?.content ?? null });
  core.store.jobs.set(id, job);
  const object = jobObject(job, core.clock.nowFractionalSeconds(), jobView(core));
  return { json: object, committed: { kind: 'job' as const, object } };
};

/** `metadata[k]=v` query pairs (the SDK's bracket encoding of `{metadata: {k: v}}`). */
const metadataFilter = (query: URLSearchParams): [string, string][] => {
  const out: [string, string][] = [];
  for (const [key, value] of query) {
    const m = /^metadata\[(.+)\]$/.exec(key);
    if (m) out.push([m[1]!, value]);
  }
  return out;
};

const list = (ctx: RouteContext) => {
  const { core, query } = ctx;
  const filter = metadataFilter(query);
  const now = core.clock.nowFractionalSeconds();
  finalizeJobs(core, now);
  return {
    json: cursorPage(core.store.jobsNewestFirst(), {
      after: query.get('after'),
      limit: parseLimit(query, 20, 100),
      visible: (job) => filter.every(([k, v]) => job.metadata?.[k] === v),
      render: (job) => jobObject(job, now, jobView(core)),
    }),
  };
};

/** The org jobs belong to, and the out-of-spec `paused` status when its fault switch is armed. */
export const jobView = (core: FakeCore): JobView => ({
  organizationId: core.config.organizationId,
  showPaused: () => core.faults.pausedStatusShown(),
});

export const findJob = (ctx: RouteContext): JobRecord => {
  const id = ctx.params['job_id']!;
  const job = ctx.core.store.jobs.get(id);
  if (!job) throw notFound('fine-tuning job', id, 'fine_tuning_job_id');
  return job;
};

/**
 * Renders with one `now` after catching up side effects at that same `now`: with a running
 * (time-scaled) clock, a job must never show `succeeded` before its result file exists.
 */
const render = (ctx: RouteContext, job: JobRecord) => {
  const now = ctx.core.clock.nowFractionalSeconds();
  finalizeJobs(ctx.core, now);
  return { json: jobObject(job, now, jobView(ctx.core)) };
};

const cancel = (ctx: RouteContext) => {
  const job = findJob(ctx);
  const now = ctx.core.clock.nowFractionalSeconds();
  const state = jobState(job, now);
  if (TERMINAL.has(state.status)) throw badRequest(`Job has already completed: ${job.id}`, null, 'invalid_state');
  // Close an open pause first, so effective time stops where the job actually stood.
  const open = job.pauses.at(-1);
  if (open && open.toWall === null) open.toWall = now;
  job.cancelled = { effectiveAt: effectiveAt(job, now), wall: now };
  return render(ctx, job);
};

const pause = (ctx: RouteContext) => {
  const job = findJob(ctx);
  const now = ctx.core.clock.nowFractionalSeconds();
  const state = jobState(job, now);
  if (state.status !== 'running') throw badRequest(`Job ${job.id} is ${state.status}; only running jobs can be paused.`, null, 'invalid_state');
  job.pauses.push({ effectiveAt: state.effective, fromWall: now, toWall: null });
  return render(ctx, job);
};

const resume = (ctx: RouteContext) => {
  const job = findJob(ctx);
  const now = ctx.core.clock.nowFractionalSeconds();
  const open = job.pauses.at(-1);
  if (!open || open.toWall !== null || jobState(job, now).status !== 'paused') throw badRequest(`Job ${job.id} is not paused.`, null, 'invalid_state');
  open.toWall = now;
  return render(ctx, job);
};

export const jobRoutes: Route[] = [
  { method: 'POST', pattern: '/v1/fine_tuning/jobs', handler: create },
  { method: 'GET', pattern: '/v1/fine_tuning/jobs', handler: list },
  { method: 'GET', pattern: '/v1/fine_tuning/jobs/:job_id', handler: (ctx) => render(ctx, findJob(ctx)) },
  { method: 'POST', pattern: '/v1/fine_tuning/jobs/:job_id/cancel', handler: cancel },
  { method: 'POST', pattern: '/v1/fine_tuning/jobs/:job_id/pause', handler: pause },
  { method: 'POST', pattern: '/v1/fine_tuning/jobs/:job_id/resume', handler: resume },
];
