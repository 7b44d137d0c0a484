import type { FakeCore } from '../fake/core.js';
import { metricsShape } from '../fake/jobs/checkpoints.js';
import type { JobRecord } from '../fake/jobs/job-record.js';
import { stepMetrics } from '../fake/jobs/metrics.js';
import { newJobRecord } from '../fake/jobs/new-job.js';
import { effectiveAt, jobState, stepOffset, TERMINAL, wallAt, type JobStatus } from '../fake/jobs/timeline.js';
import { hashAlphanumeric } from '../fake/random.js';
import { jsonObject } from '../fake/request-body.js';
import type { Route, RouteContext } from '../fake/router.js';
import { answering, GatewayError } from './fake-errors.js';
import { datasetName, listPage, liveDataset } from './fake-datasets.js';
import { FIREWORKS_TABLE } from './model-table.js';
import { RESOURCE_ID } from './resource-ids.js';

/**
 * Fireworks' supervised fine-tuning jobs in the fake: create (client-chosen id in the
 * `supervisedFineTuningJobId` query), get, list, delete. Each job is a shared-core JobRecord, so
 * it moves with the fake's clock on the same plan as OpenAI's jobs (validating, queued, running,
 * then an end) and its metrics are the same seeded curve; what Fireworks adds (account, ids,
 * displayName, output model, its settings) rides alongside. Deleting a job that is still moving
 * cancels it (JOB_STATE_CANCELLED), the way Fireworks stops a job.
 */
interface JobExtras {
  account: string;
  jobId: string;
  displayName: string;
  baseModel: string;
  dataset: string;
  evaluationDataset: string | null;
  outputModel: string;
  settings: Record<string, unknown>;
}

const extras = new WeakMap<JobRecord, JobExtras>();

const jobName = (account: string, id: string) => `accounts/${account}/supervisedFineTuningJobs/${id}`;

/** Fields the create body may carry (the reference's SupervisedFineTuningJob); any other is refused, as proto JSON does. */
const KNOWN_FIELDS = new Set([
  'dataset', 'displayName', 'baseModel', 'warmStartFrom', 'outputModel', 'evaluationDataset', 'evalAutoCarveout', 'epochs', 'learningRate',
  'learningRateWarmupSteps', 'loraRank', 'maxContextLength', 'batchSize', 'batchSizeSamples', 'gradientAccumulationSteps', 'earlyStop', 'isTurbo',
  'jinjaTemplate', 'nodes', 'optimizerWeightDecay', 'region', 'usePurpose', 'wandbConfig', 'awsS3Config', 'azureBlobStorageConfig',
  'mtpEnabled', 'mtpFreezeBaseModel', 'mtpNumDraftTokens', 'metricsFileSignedUrl',
]);

const STATE: Record<JobStatus, string> = {
  validating_files: 'JOB_STATE_VALIDATING',
  queued: 'JOB_STATE_PENDING',
  running: 'JOB_STATE_RUNNING',
  paused: 'JOB_STATE_PAUSED',
  succeeded: 'JOB_STATE_COMPLETED',
  failed: 'JOB_STATE_FAILED',
  cancelled: 'JOB_STATE_CANCELLED',
};

const iso = (seconds: number) => new Date(Math.floor(seconds) * 1000).toISOString().replace('.000Z', 'Z');

/** Where the fake serves a finished job's metrics: a stand-in for the cloud-storage signed URL. */
export const metricsPath = (account: string, jobId: string) => `/v1/fake-signed-urls/${account}/${jobId}/metrics.jsonl`;

export const fireworksJobObject = (job: JobRecord, now: number) => {
  const x = extras.get(job)!;
  const state = jobState(job, now);
  const progress = Math.floor((state.stepsDone / job.plan.totalSteps) * 100);
  const succeeded = state.status === 'succeeded';
  return {
    name: job.id,
    displayName: x.displayName,
    createTime: iso(job.createdAt),
    ...(state.finishedAt === null ? {} : { completedTime: iso(state.finishedAt) }),
    updateTime: iso(state.finishedAt ?? Math.max(job.createdAt, now)),
    state: STATE[state.status],
    status: state.error ? { code: state.error.code === 'server_error' ? 'INTERNAL' : 'INVALID_ARGUMENT', message: state.error.message } : { code: 'OK', message: '' },
    baseModel: x.baseModel,
    dataset: x.dataset,
    ...(x.evaluationDataset ? { evaluationDataset: x.evaluationDataset } : {}),
    outputModel: x.outputModel,
    ...x.settings,
    epochs: job.plan.hyperparameters.n_epochs,
    jobProgress: {
      percent: progress,
      epoch: Math.min(job.plan.hyperparameters.n_epochs - 1, Math.floor(state.stepsDone / job.plan.stepsPerEpoch)),
      ...(succeeded ? { inputTokens: job.plan.tokensPerEpoch * job.plan.hyperparameters.n_epochs } : {}),
    },
    ...(succeeded ? { metricsFileSignedUrl: `${metricsPath(x.account, x.jobId)}?X-Goog-Signature=fake${hashAlphanumeric(job.id, 12)}` } : {}),
  };
};

const findJob = (core: FakeCore, account: string, id: string): JobRecord => {
  const job = core.store.jobs.get(jobName(account, id));
  if (!job) throw new GatewayError('NOT_FOUND', `SupervisedFineTuningJob "${jobName(account, id)}" not found`);
  return job;
};

const readyDataset = (ctx: RouteContext, account: string, name: unknown, field: string) => {
  if (typeof name !== 'string' || name === '') throw new GatewayError('INVALID_ARGUMENT', `${field} is required`);
  const full = name.includes('/') ? name : datasetName(account, name);
  const f = liveDataset(ctx.core, full);
  if (f.status !== 'processed') throw new GatewayError('FAILED_PRECONDITION', `${field} "${full}" is not ready (state UPLOADING): upload its file first`);
  return { name: full, content: f.content };
};

const positive = (body: Record<string, unknown>, field: string, integer: boolean): number | undefined => {
  const v = body[field];
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !(v > 0) || (integer && !Number.isInteger(v))) throw new GatewayError('INVALID_ARGUMENT', `${field} must be a positive ${integer ? 'integer' : 'number'}, got ${JSON.stringify(v)}`);
  return v;
};

const create = (ctx: RouteContext) => {
  const { core } = ctx;
  const account = ctx.params['account_id']!;
  const body = jsonObject(ctx.body);
  const unknown = Object.keys(body).filter((k) => !KNOWN_FIELDS.has(k));
  if (unknown.length > 0) throw new GatewayError('INVALID_ARGUMENT', `unknown field${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `"${k}"`).join(', ')} in SupervisedFineTuningJob`);
  const requested = ctx.query.get('supervisedFineTuningJobId');
  if (requested !== null && !RESOURCE_ID.test(requested)) {
    throw new GatewayError('INVALID_ARGUMENT', `invalid supervisedFineTuningJobId "${requested}": use lowercase letters, digits and hyphens, start with a letter, at most 63 characters`);
  }
  const jobId = requested ?? `sftj-${hashAlphanumeric(`job:${core.store.nextSeq()}`, 12).toLowerCase()}`;
  const name = jobName(account, jobId);
  if (core.store.jobs.has(name)) throw new GatewayError('ALREADY_EXISTS', `SupervisedFineTuningJob "${name}" already exists`);
  const baseModel = body['baseModel'];
  if (typeof baseModel !== 'string' || baseModel === '') throw new GatewayError('INVALID_ARGUMENT', 'baseModel is required (warmStartFrom is not supported by the fake)');
  if (!Object.hasOwn(FIREWORKS_TABLE.models, baseModel)) throw new GatewayError('INVALID_ARGUMENT', `base model "${baseModel}" is not tunable`);
  const training = readyDataset(ctx, account, body['dataset'], 'dataset');
  const validation = body['evaluationDataset'] === undefined ? null : readyDataset(ctx, account, body['evaluationDataset'], 'evaluationDataset');
  const epochs = positive(body, 'epochs', true);
  const settings: Record<string, unknown> = {};
  for (const [field, integer] of [['learningRate', false], ['loraRank', true], ['batchSize', true], ['maxContextLength', true]] as const) {
    const v = positive(body, field, integer);
    if (v !== undefined) settings[field] = v;
  }
  const outputModel = typeof body['outputModel'] === 'string' ? body['outputModel'] : `accounts/${account}/models/${jobId}`;
  const job = newJobRecord(core, {
    id: name,
    model: baseModel,
    baseSnapshot: baseModel,
    trainingFile: training.name,
    validationFile: validation?.name ?? null,
    suffix: null,
    seed: 0,
    metadata: null,
    integrations: null,
    methodType: 'supervised',
    requested: { n_epochs: epochs ?? 1, batch_size: 'auto', learning_rate_multiplier: 'auto' },
    legacyHyperparameters: false,
    fineTunedModel: outputModel,
  }, { training: training.content, validation: validation?.content ?? null });
  extras.set(job, {
    account,
    jobId,
    displayName: typeof body['displayName'] === 'string' ? body['displayName'] : '',
    baseModel,
    dataset: training.name,
    evaluationDataset: validation?.name ?? null,
    outputModel,
    settings,
  });
  core.store.jobs.set(name, job);
  const object = fireworksJobObject(job, core.clock.nowFractionalSeconds());
  return { json: object, committed: { kind: 'job' as const, object } };
};

const get = (ctx: RouteContext) => ({
  json: fireworksJobObject(findJob(ctx.core, ctx.params['account_id']!, ctx.params['job_id']!), ctx.core.clock.nowFractionalSeconds()),
});

const list = (ctx: RouteContext) => {
  const prefix = jobName(ctx.params['account_id']!, '');
  const now = ctx.core.clock.nowFractionalSeconds();
  const all = [...ctx.core.store.jobs.values()].filter((j) => j.id.startsWith(prefix) && extras.has(j)).sort((a, b) => a.id.localeCompare(b.id));
  const { page, nextPageToken, totalSize } = listPage(all, ctx.query);
  return { json: { supervisedFineTuningJobs: page.map((j) => fireworksJobObject(j, now)), nextPageToken, totalSize } };
};

const remove = (ctx: RouteContext) => {
  const job = findJob(ctx.core, ctx.params['account_id']!, ctx.params['job_id']!);
  const now = ctx.core.clock.nowFractionalSeconds();
  if (!TERMINAL.has(jobState(job, now).status)) {
    const open = job.pauses.at(-1);
    if (open && open.toWall === null) open.toWall = now;
    job.cancelled = { effectiveAt: effectiveAt(job, now), wall: now };
  }
  return { json: {} };
};

/**
 * The metrics file of a finished job, one JSON line a step: `{step, timestamp, data: {"train/loss",
 * "train/mean_token_accuracy", "train/epoch", and "eval/loss" on validation steps}}`, the same
 * seeded values as the OpenAI dialect's step metrics.
 */
const metricsFile = (ctx: RouteContext) => {
  const job = findJob(ctx.core, ctx.params['account_id']!, ctx.params['job_id']!);
  if (jobState(job, ctx.core.clock.nowFractionalSeconds()).status !== 'succeeded') throw new GatewayError('NOT_FOUND', 'no metrics file yet');
  const shape = metricsShape(job);
  const lines: string[] = [];
  for (let step = 1; step <= job.plan.totalSteps; step++) {
    const m = stepMetrics(job.id, step, shape);
    const data: Record<string, number> = { 'train/loss': m.train_loss, 'train/mean_token_accuracy': m.train_mean_token_accuracy, 'train/epoch': step / job.plan.stepsPerEpoch };
    if (m.valid_loss !== undefined) data['eval/loss'] = m.valid_loss;
    lines.push(JSON.stringify({ step, timestamp: iso(wallAt(job, stepOffset(job, step))), data }));
  }
  return { raw: Buffer.from(`${lines.join('\n')}\n`, 'utf8'), contentType: 'application/jsonl' };
};

const JOBS = '/v1/accounts/:account_id/supervisedFineTuningJobs';

export const jobRoutes: Route[] = [
  { method: 'POST', pattern: JOBS, handler: answering(create) },
  { method: 'GET', pattern: JOBS, handler: answering(list) },
  { method: 'GET', pattern: `${JOBS}/:job_id`, handler: answering(get) },
  { method: 'DELETE', pattern: `${JOBS}/:job_id`, handler: answering(remove) },
  { method: 'GET', pattern: '/v1/fake-signed-urls/:account_id/:job_id/metrics.jsonl', handler: answering(metricsFile) },
];
