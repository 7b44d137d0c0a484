import { badRequest, missingParameter, notFound } from '../api-error.js';
import { readBatchInput } from '../batches/batch-input.js';
import { BATCH_TERMINAL, batchState, COMPLETION_WINDOW_SECONDS, type BatchRecord } from '../batches/batch-record.js';
import type { FakeCore } from '../core.js';
import { cursorPage, parseLimit } from '../cursor-page.js';
import { finalizeBatches } from '../batches/run-batch.js';
import { jsonObject } from '../request-body.js';
import type { Route, RouteContext } from '../router.js';

/**
 * Batch API (openai-api.md §5.3) for `/v1/chat/completions` requests: create, retrieve, cancel,
 * list. The other endpoints the API accepts are refused with a 400 naming the fake's limit.
 */
const API_ENDPOINTS = ['/v1/responses', '/v1/chat/completions', '/v1/embeddings', '/v1/completions', '/v1/moderations', '/v1/images/generations', '/v1/images/edits', '/v1/videos'];
const SUPPORTED = '/v1/chat/completions';

const floorOrNull = (x: number | undefined) => (x === undefined ? null : Math.floor(x));

/**
 * OpenAI's published document types every optional batch field as non-null (`output_file_id`,
 * `errors`, the `*_at` times, `usage`, `model`; only `metadata` may be null), so a field with no
 * value yet is left out, as the SDK's types (`output_file_id?: string`) expect too. The real API
 * has been seen sending them as null.
 */
const withoutNulls = <T extends Record<string, unknown>>(object: T): Partial<T> =>
  Object.fromEntries(Object.entries(object).filter(([key, value]) => value !== null || key === 'metadata')) as Partial<T>;

/** Renders after computing results at the same `now`, so a completed batch always has its files. */
const render = async (core: FakeCore, batches: BatchRecord[], now: number) => {
  await finalizeBatches(core, batches, now);
  return batches.map((b) => batchObject(b, now));
};

const batchObject = (b: BatchRecord, now: number) => {
  const state = batchState(b, now);
  const done = state.status === 'completed' || state.status === 'cancelled';
  return withoutNulls({
    id: b.id,
    object: 'batch' as const,
    endpoint: b.endpoint,
    model: b.model,
    errors: b.inputErrors.length > 0 && state.status === 'failed' ? { object: 'list', data: b.inputErrors } : null,
    input_file_id: b.inputFileId,
    completion_window: b.completionWindow,
    status: state.status,
    output_file_id: done ? b.outputFileId : null,
    error_file_id: done ? b.errorFileId : null,
    created_at: Math.floor(b.createdAt),
    in_progress_at: floorOrNull(state.at.in_progress),
    expires_at: Math.floor(b.createdAt + COMPLETION_WINDOW_SECONDS),
    finalizing_at: floorOrNull(state.at.finalizing),
    completed_at: floorOrNull(state.at.completed),
    failed_at: floorOrNull(state.at.failed),
    expired_at: null,
    cancelling_at: floorOrNull(state.at.cancelling),
    cancelled_at: floorOrNull(state.at.cancelled),
    request_counts: {
      total: b.lines.length,
      completed: done && b.counts ? b.counts.completed : state.processed,
      failed: done && b.counts ? b.counts.failed : 0,
    },
    usage: done ? b.usage : null,
    metadata: b.metadata,
  });
};

const create = (ctx: RouteContext) => {
  const { core } = ctx;
  const body = jsonObject(ctx.body);
  const inputFileId = body['input_file_id'];
  const endpoint = body['endpoint'];
  const window = body['completion_window'];
  if (typeof inputFileId !== 'string' || inputFileId === '') throw missingParameter('input_file_id');
  if (typeof endpoint !== 'string') throw missingParameter('endpoint');
  if (!API_ENDPOINTS.includes(endpoint)) throw badRequest(`Invalid value for 'endpoint': '${endpoint}' is not a batch endpoint.`, 'endpoint', 'invalid_value');
  if (endpoint !== SUPPORTED) throw badRequest(`The fake OpenAI server only runs batches for ${SUPPORTED}, not ${endpoint}.`, 'endpoint', 'unsupported_value');
  if (window !== '24h') throw badRequest("Invalid value for 'completion_window': only '24h' is supported.", 'completion_window', 'invalid_value');
  const metadata = body['metadata'];
  if (metadata !== undefined && metadata !== null && (typeof metadata !== 'object' || Array.isArray(metadata))) throw badRequest("Invalid type for 'metadata': expected an object.", 'metadata', 'invalid_type');
  const file = core.store.liveFile(inputFileId, core.clock.nowSeconds());
  if (!file) throw badRequest(`Invalid input_file_id: ${inputFileId}`, 'input_file_id', null);
  if (file.purpose !== 'batch') throw badRequest(`File ${inputFileId} has purpose '${file.purpose}'; batches require purpose 'batch'.`, 'input_file_id', 'invalid_file_purpose');
  const input = readBatchInput(file.content, endpoint, core.config.batchLimits);
  const batch: BatchRecord = {
    id: core.ids.batch(),
    seq: core.store.nextSeq(),
    createdAt: core.clock.nowFractionalSeconds(),
    endpoint,
    inputFileId,
    completionWindow: window,
    metadata: (metadata as Record<string, string> | undefined) ?? null,
    model: input.model,
    lines: input.lines,
    inputErrors: input.errors,
    timing: core.config.batchTiming,
    cancelledAt: null,
    finalizing: null,
    outputFileId: null,
    errorFileId: null,
    counts: null,
    usage: null,
  };
  core.store.batches.set(batch.id, batch);
  return { json: batchObject(batch, core.clock.nowFractionalSeconds()) };
};

const find = (ctx: RouteContext): BatchRecord => {
  const id = ctx.params['batch_id']!;
  const batch = ctx.core.store.batches.get(id);
  if (!batch) throw notFound('batch', id, 'batch_id');
  return batch;
};

const cancel = (ctx: RouteContext) => {
  const batch = find(ctx);
  const now = ctx.core.clock.nowFractionalSeconds();
  const state = batchState(batch, now);
  if (BATCH_TERMINAL.has(state.status) || state.status === 'cancelling' || state.status === 'finalizing') {
    throw badRequest(`Cannot cancel a batch with status '${state.status}'.`, null, 'invalid_state');
  }
  batch.cancelledAt = now;
  return { json: batchObject(batch, now) };
};

export const batchRoutes: Route[] = [
  { method: 'POST', pattern: '/v1/batches', handler: create },
  {
    method: 'GET',
    pattern: '/v1/batches',
    handler: async (ctx) => {
      const now = ctx.core.clock.nowFractionalSeconds();
      const page = cursorPage(ctx.core.store.batchesNewestFirst(), { after: ctx.query.get('after'), limit: parseLimit(ctx.query, 20, 100), render: (b) => b });
      return { json: { ...page, data: await render(ctx.core, page.data, now) } };
    },
  },
  { method: 'GET', pattern: '/v1/batches/:batch_id', handler: async (ctx) => ({ json: (await render(ctx.core, [find(ctx)], ctx.core.clock.nowFractionalSeconds()))[0] }) },
  { method: 'POST', pattern: '/v1/batches/:batch_id/cancel', handler: cancel },
];
