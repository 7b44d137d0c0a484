import { ApiError, badRequest } from '../fake/api-error.js';
import { defaultBehaviour, type ChatBehaviour } from '../fake/chat/behaviour.js';
import type { FakeCore } from '../fake/core.js';
import { finalizeJobs } from '../fake/jobs/finalize.js';
import type { JobRecord } from '../fake/jobs/job-record.js';
import { newJobRecord } from '../fake/jobs/new-job.js';
import { hashSeed } from '../fake/random.js';
import type { ResolvedChatModel } from '../fake/model-catalog.js';
import { storeProcessedFile } from '../fake/processed-file.js';
import { jsonObject } from '../fake/request-body.js';
import type { Route, RouteContext } from '../fake/router.js';
import { chatRoutes } from '../fake/routes/chat.js';
import type { StoredFile } from '../fake/store.js';
import { jobState, TERMINAL } from '../fake/jobs/timeline.js';
import { SUFFIX_MAX } from './job-tag.js';
import { extrasOf, jobCheckpoints, jobEvents, jobMetrics, jobObject, outputModelName, setExtras, uuidFrom, type TogetherExtras } from './fake-objects.js';
import { MAX_BATCH_SIZE, TOGETHER_TABLE } from './model-table.js';

/**
 * Together's dialect over the shared fake core (`startFakeOpenAI({ routes: TOGETHER_ROUTES })`):
 * its paths, bodies, statuses and objects as openapi.yaml (github.com/togethercomputer/openapi)
 * documents them: multipart `POST /v1/files/upload`, `GET /v1/files`, `/v1/fine-tunes` with
 * events, checkpoints, metrics and cancel, `GET /v1/models`, the fine-tuning model lists, and the
 * OpenAI-compatible `POST /v1/chat/completions`. Errors have Together's ErrorData shape
 * (`{error: {message, type, param, code}}`); the words are ours. The core's fault switches and
 * request log apply as they are: patterns match `"POST /v1/files/upload"`, `"/v1/fine-tunes*"`.
 */

/** FilePurpose in openapi.yaml: what an upload may say, and what the file list shows. */
const PURPOSES = ['fine-tune', 'eval', 'eval-sample', 'eval-output', 'eval-summary', 'batch-generated', 'batch-api'];
const FILE_TYPES = ['jsonl', 'csv', 'parquet'];

const notFound = (what: string, id: string) => new ApiError(404, `${what} ${id} not found`, 'invalid_request_error', null, 'not_found');

const fileObject = (f: StoredFile) => ({
  id: f.id,
  object: 'file' as const,
  created_at: f.created_at,
  filename: f.filename,
  bytes: f.bytes,
  purpose: f.purpose,
  Processed: f.status === 'processed',
  FileType: f.filename.toLowerCase().endsWith('.parquet') ? 'parquet' : f.filename.toLowerCase().endsWith('.csv') ? 'csv' : 'jsonl',
  LineCount: f.content.toString('utf8').split('\n').filter((l) => l.trim() !== '').length,
});

/** Files of this dialect: live, and of a Together purpose (the core's OpenAI result files are not). */
const visibleFile = (core: FakeCore, f: StoredFile) => core.store.liveFile(f.id, core.clock.nowSeconds()) !== undefined && PURPOSES.includes(f.purpose);

const upload = async (ctx: RouteContext) => {
  if (ctx.body.kind !== 'form') throw badRequest('Expected a multipart/form-data body with purpose, file_name and file.');
  const { form } = ctx.body;
  const file = form.get('file');
  const purpose = form.get('purpose');
  const fileName = form.get('file_name');
  const fileType = form.get('file_type') ?? 'jsonl';
  if (file === null || typeof file === 'string') throw badRequest("'file' is required", 'file');
  if (typeof fileName !== 'string' || fileName === '') throw badRequest("'file_name' is required", 'file_name');
  if (typeof purpose !== 'string' || !PURPOSES.includes(purpose)) throw badRequest(`'purpose' must be one of ${PURPOSES.join(', ')}`, 'purpose');
  if (typeof fileType !== 'string' || !FILE_TYPES.includes(fileType)) throw badRequest(`'file_type' must be one of ${FILE_TYPES.join(', ')}`, 'file_type');
  const { core } = ctx;
  const content = Buffer.from(await file.arrayBuffer());
  const stored = storeProcessedFile(core.store, { id: `file-${uuidFrom(core.ids.file())}`, created_at: core.clock.nowSeconds(), expires_at: null, filename: fileName, purpose, content });
  const object = fileObject(stored);
  return { json: object, committed: { kind: 'file' as const, object } };
};

const liveFile = (ctx: RouteContext): StoredFile => {
  const id = ctx.params['id']!;
  const f = ctx.core.store.files.get(id);
  if (!f || !visibleFile(ctx.core, f)) throw notFound('File', id);
  return f;
};

const int = (v: unknown, name: string, min: number, max = Number.MAX_SAFE_INTEGER): number => {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) throw badRequest(`'${name}' must be an integer from ${min} to ${max}`, name);
  return v;
};

const trainingFileFor = (core: FakeCore, id: unknown, param: 'training_file' | 'validation_file'): StoredFile => {
  if (typeof id !== 'string' || id === '') throw badRequest(`'${param}' is required`, param);
  const f = core.store.files.get(id);
  if (!f || !visibleFile(core, f)) throw badRequest(`${param} ${id} does not exist`, param);
  if (f.purpose !== 'fine-tune') throw badRequest(`${param} ${id} has purpose '${f.purpose}', not 'fine-tune'`, param);
  return f;
};

const createJob = (ctx: RouteContext) => {
  const { core } = ctx;
  const body = jsonObject(ctx.body);
  const model = body['model'];
  if (typeof model !== 'string' || model === '') throw badRequest("'model' is required", 'model');
  const row = TOGETHER_TABLE.models[model];
  if (!row) throw badRequest(`Model ${model} is not available for fine-tuning`, 'model');
  const training = trainingFileFor(core, body['training_file'], 'training_file');
  const validation = body['validation_file'] === undefined || body['validation_file'] === '' ? null : trainingFileFor(core, body['validation_file'], 'validation_file');
  const nEpochs = body['n_epochs'] === undefined ? 1 : int(body['n_epochs'], 'n_epochs', 1, 20);
  const nCheckpoints = body['n_checkpoints'] === undefined ? 1 : int(body['n_checkpoints'], 'n_checkpoints', 1, nEpochs * 100);
  const nEvals = body['n_evals'] === undefined ? 0 : int(body['n_evals'], 'n_evals', 0, 100);
  const maxBatch = MAX_BATCH_SIZE[model] ?? 8;
  const batchSize = body['batch_size'] === undefined || body['batch_size'] === 'max' ? maxBatch : int(body['batch_size'], 'batch_size', 1, maxBatch);
  const learningRate = body['learning_rate'] === undefined ? 0.00001 : body['learning_rate'];
  if (typeof learningRate !== 'number' || !(learningRate > 0 && learningRate <= 1)) throw badRequest("'learning_rate' must be a number above 0 and at most 1", 'learning_rate');
  const suffix = body['suffix'];
  if (suffix !== undefined && (typeof suffix !== 'string' || suffix.length > SUFFIX_MAX)) throw badRequest(`'suffix' must be a string of at most ${SUFFIX_MAX} characters`, 'suffix');
  const methodBody = (body['training_method'] ?? { method: 'sft', train_on_inputs: 'auto' }) as Record<string, unknown>;
  const method = methodBody['method'];
  if (method !== 'sft' && method !== 'dpo') throw badRequest("'training_method.method' must be 'sft' or 'dpo'", 'training_method');
  if (method === 'dpo' && !row.methods.includes('dpo')) throw badRequest(`Model ${model} does not support DPO`, 'training_method');
  const typeBody = body['training_type'] as Record<string, unknown> | null | undefined;
  let trainingType: TogetherExtras['trainingType'];
  if (typeBody === undefined || typeBody === null) trainingType = { type: 'Lora', lora_r: 8, lora_alpha: 16, lora_dropout: 0, lora_trainable_modules: 'all-linear' };
  else if (typeBody['type'] === 'Full') {
    if (!row.adaptations.includes('full')) throw badRequest(`Full training is not supported for ${model}`, 'training_type');
    trainingType = { type: 'Full' };
  } else if (typeBody['type'] === 'Lora') {
    const r = int(typeBody['lora_r'], 'training_type.lora_r', 1, 64);
    const alpha = typeBody['lora_alpha'];
    if (typeof alpha !== 'number' || alpha <= 0) throw badRequest("'training_type.lora_alpha' is required with a LoRA training type", 'training_type.lora_alpha');
    trainingType = { type: 'Lora', lora_r: r, lora_alpha: alpha, lora_dropout: Number(typeBody['lora_dropout'] ?? 0), lora_trainable_modules: String(typeBody['lora_trainable_modules'] ?? 'all-linear') };
  } else throw badRequest("'training_type.type' must be 'Lora' or 'Full'", 'training_type');
  const maxSeq = body['max_seq_length'] === undefined ? null : int(body['max_seq_length'], 'max_seq_length', 1, row.tokenLimit);
  const seedValue = body['random_seed'];
  const id = `ft-${uuidFrom(core.ids.job())}`;
  const job = newJobRecord(core, {
    id,
    model,
    baseSnapshot: model,
    trainingFile: training.id,
    validationFile: validation?.id ?? null,
    suffix: typeof suffix === 'string' && suffix !== '' ? suffix : null,
    seed: typeof seedValue === 'number' ? seedValue : hashSeed(`${id}:seed`) % 2_147_483_648,
    metadata: null,
    integrations: null,
    methodType: method === 'dpo' ? 'dpo' : 'supervised',
    requested: { n_epochs: nEpochs, batch_size: batchSize, learning_rate_multiplier: 1 },
    legacyHyperparameters: false,
    fineTunedModel: outputModelName(core.config.orgSlug, model, typeof suffix === 'string' && suffix !== '' ? suffix : null, id),
  }, { training: training.content, validation: validation?.content ?? null });
  setExtras(job, {
    learningRate,
    batchSize,
    nCheckpoints,
    nEvals,
    trainingType,
    // "auto" masks the prompt of chat data: the job shows what it resolved to (the schema's type is boolean).
    trainingMethod: method === 'sft' ? { method: 'sft', train_on_inputs: typeof methodBody['train_on_inputs'] === 'boolean' ? methodBody['train_on_inputs'] : false } : { ...methodBody },
    maxSeqLength: maxSeq,
    wandbProjectName: typeof body['wandb_project_name'] === 'string' ? body['wandb_project_name'] : null,
  });
  core.store.jobs.set(id, job);
  const object = jobObject(job, core.clock.nowFractionalSeconds(), core.config.orgSlug, false);
  return { json: object, committed: { kind: 'job' as const, object } };
};

const findJob = (ctx: RouteContext): JobRecord => {
  const id = ctx.params['id']!;
  const job = ctx.core.store.jobs.get(id);
  if (!job || !extrasOf(job)) throw notFound('Fine-tune job', id);
  return job;
};

/** Renders after catching side effects up at the same moment (a running clock must never show an end before its models exist). */
const now = (core: FakeCore): number => {
  const t = core.clock.nowFractionalSeconds();
  finalizeJobs(core, t);
  return t;
};

const cancel = (ctx: RouteContext) => {
  const job = findJob(ctx);
  const t = now(ctx.core);
  if (TERMINAL.has(jobState(job, t).status)) throw badRequest(`Fine-tune job ${job.id} has already ended and cannot be cancelled`, null, 'invalid_state');
  job.cancelled = { effectiveAt: jobState(job, t).effective, wall: t };
  return { json: jobObject(job, t, ctx.core.config.orgSlug, false) };
};

const modelList = (core: FakeCore) => {
  const created = Math.floor(Date.parse(`${TOGETHER_TABLE.asOf}T00:00:00Z`) / 1000);
  const base = Object.entries(TOGETHER_TABLE.models).map(([id, row]) => ({
    id,
    object: 'model',
    created,
    type: 'chat',
    display_name: id.split('/').at(-1),
    organization: id.split('/')[0],
    context_length: row.tokenLimit,
  }));
  const tuned = [...core.store.models.values()]
    .filter((m) => !m.deleted && m.kind === 'fine-tuned' && extrasOfJob(core, m.jobId))
    .map((m) => ({ id: m.id, object: 'model', created: m.created, type: 'chat', display_name: m.id, organization: m.ownedBy, context_length: TOGETHER_TABLE.models[m.baseSnapshot]?.tokenLimit ?? 0 }));
  return [...base, ...tuned];
};

const extrasOfJob = (core: FakeCore, jobId: string) => {
  const job = core.store.jobs.get(jobId);
  return job ? extrasOf(job) : undefined;
};

/**
 * Chat through the core's OpenAI-compatible handler, with Together's model names: a base model of
 * the table answers like a base model (a hashed guess), the output model of a completed job like a
 * fine-tune (the answer key's letter at `fineTunedAccuracy`). Other names get a 404 before the
 * core sees them.
 */
const fineTunedBehaviour =
  (record: { id: string; jobId: string }): ChatBehaviour =>
  (request, ctx) =>
    defaultBehaviour(request, { ...ctx, model: { id: record.id, kind: 'fine-tuned', jobId: record.jobId } as unknown as ResolvedChatModel });

const chat = async (ctx: RouteContext) => {
  const { core } = ctx;
  now(core);
  const body = jsonObject(ctx.body);
  const name = body['model'];
  if (typeof name === 'string' && !core.behaviours.has(name)) {
    const record = core.store.liveModel(name);
    if (record && record.kind === 'fine-tuned' && extrasOfJob(core, record.jobId)) core.behaviours.set(name, fineTunedBehaviour(record));
    else if (Object.hasOwn(TOGETHER_TABLE.models, name)) core.behaviours.set(name, (_request, c) => c.defaultReply());
    else throw new ApiError(404, `Unable to access model ${name}. Please visit https://api.together.ai/models to view the list of supported models.`, 'invalid_request_error', 'model', 'model_not_available');
  }
  const reply = await chatRoutes[0]!.handler(ctx);
  if (!('json' in reply)) return reply;
  // Together's ChatCompletionResponse requires `prompt` (empty unless `echo`) and has no null
  // logprobs in its schema: the core's OpenAI-shaped answer, adjusted to that.
  const completion = reply.json as { choices?: Record<string, unknown>[] };
  const choices = (completion.choices ?? []).map(({ logprobs: _logprobs, ...choice }) => choice);
  return { ...reply, json: { ...completion, choices, prompt: [] } };
};

export const TOGETHER_ROUTES: readonly Route[] = [
  { method: 'POST', pattern: '/v1/files/upload', handler: upload },
  {
    method: 'GET',
    pattern: '/v1/files',
    handler: (ctx) => ({ json: { data: ctx.core.store.filesNewestFirst().filter((f) => visibleFile(ctx.core, f)).map(fileObject) } }),
  },
  { method: 'GET', pattern: '/v1/files/:id', handler: (ctx) => ({ json: fileObject(liveFile(ctx)) }) },
  { method: 'GET', pattern: '/v1/files/:id/content', handler: (ctx) => ({ raw: liveFile(ctx).content, contentType: 'text/plain' }) },
  {
    method: 'DELETE',
    pattern: '/v1/files/:id',
    handler: (ctx) => {
      const f = liveFile(ctx);
      f.deleted = true;
      return { json: { id: f.id, deleted: true } };
    },
  },
  { method: 'POST', pattern: '/v1/fine-tunes', handler: createJob },
  {
    method: 'GET',
    pattern: '/v1/fine-tunes',
    handler: (ctx) => {
      const t = now(ctx.core);
      const jobs = ctx.core.store.jobsNewestFirst().filter((j) => extrasOf(j));
      return { json: { data: jobs.map((j) => jobObject(j, t, ctx.core.config.orgSlug, false)) } };
    },
  },
  { method: 'GET', pattern: '/v1/fine-tunes/models/supported', handler: () => ({ json: { models: Object.keys(TOGETHER_TABLE.models) } }) },
  { method: 'GET', pattern: '/v1/fine-tunes/:id', handler: (ctx) => ({ json: jobObject(findJob(ctx), now(ctx.core), ctx.core.config.orgSlug, true) }) },
  { method: 'GET', pattern: '/v1/fine-tunes/:id/events', handler: (ctx) => ({ json: { data: jobEvents(findJob(ctx), now(ctx.core)) } }) },
  { method: 'GET', pattern: '/v1/fine-tunes/:id/checkpoints', handler: (ctx) => ({ json: { data: jobCheckpoints(findJob(ctx), now(ctx.core)) } }) },
  { method: 'GET', pattern: '/v1/fine-tunes/:id/metrics', handler: (ctx) => ({ json: { metrics: jobMetrics(findJob(ctx), now(ctx.core)) } }) },
  { method: 'POST', pattern: '/v1/fine-tunes/:id/cancel', handler: cancel },
  { method: 'GET', pattern: '/v1/models', handler: (ctx) => ({ json: modelList(ctx.core) }) },
  { method: 'POST', pattern: '/v1/chat/completions', handler: chat },
];
