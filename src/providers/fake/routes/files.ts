import { badRequest, notFound } from '../api-error.js';
import { cursorPage, parseLimit } from '../cursor-page.js';
import type { Route, RouteContext } from '../router.js';
import { storeProcessedFile } from '../processed-file.js';
import { fileObject, type StoredFile } from '../store.js';

/** Files API (openai-api.md §1): multipart upload, cursor list, retrieve, raw content, delete. */

const UPLOAD_PURPOSES = ['assistants', 'batch', 'fine-tune', 'vision', 'user_data', 'evals'];
/** Batch inputs expire after 30 days unless told otherwise; other purposes persist (§1.3). */
const BATCH_DEFAULT_EXPIRY_SECONDS = 30 * 86_400;
const MIN_EXPIRY_SECONDS = 3_600;
const MAX_EXPIRY_SECONDS = 2_592_000;

const expiry = (form: FormData, purpose: string, createdAt: number): number | null => {
  const anchor = form.get('expires_after[anchor]');
  const seconds = form.get('expires_after[seconds]');
  if (anchor === null && seconds === null) return purpose === 'batch' ? createdAt + BATCH_DEFAULT_EXPIRY_SECONDS : null;
  if (anchor !== 'created_at') throw badRequest(`Invalid value for 'expires_after.anchor': expected 'created_at'.`, 'expires_after.anchor', 'invalid_value');
  const n = Number(seconds);
  if (typeof seconds !== 'string' || !Number.isInteger(n) || n < MIN_EXPIRY_SECONDS || n > MAX_EXPIRY_SECONDS) {
    throw badRequest(`Invalid 'expires_after.seconds': expected an integer from ${MIN_EXPIRY_SECONDS} to ${MAX_EXPIRY_SECONDS}.`, 'expires_after.seconds', 'invalid_value');
  }
  return createdAt + n;
};

const upload = async (ctx: RouteContext) => {
  if (ctx.body.kind !== 'form') throw badRequest('Invalid Content-Type header, expected multipart/form-data.', null, null);
  const { form } = ctx.body;
  const file = form.get('file');
  if (file === null || typeof file === 'string') throw badRequest("'file' is a required property", 'file', 'missing_required_parameter');
  const purpose = form.get('purpose');
  if (typeof purpose !== 'string') throw badRequest("'purpose' is a required property", 'purpose', 'missing_required_parameter');
  if (!UPLOAD_PURPOSES.includes(purpose)) {
    throw badRequest(`'${purpose}' is not one of [${UPLOAD_PURPOSES.map((p) => `'${p}'`).join(', ')}] - 'purpose'`, 'purpose', 'invalid_value');
  }
  if ((purpose === 'fine-tune' || purpose === 'batch') && !file.name.toLowerCase().endsWith('.jsonl')) {
    const api = purpose === 'fine-tune' ? 'Fine-Tuning' : 'Batch';
    throw badRequest(`Invalid file format for ${api} API. Must be .jsonl`, 'file', null);
  }
  const { core } = ctx;
  // A batch input over the limit (200 MB, openai-api.md §1.3) is refused at upload, in the words
  // OpenAI answered with as quoted in bespokelabsai/curator#111.
  if (purpose === 'batch' && file.size > core.config.batchLimits.maxInputBytes) throw badRequest('File is too large.', null, null);
  const createdAt = core.clock.nowSeconds();
  const content = Buffer.from(await file.arrayBuffer());
  // Real fine-tune uploads come back already processed (§1.2).
  const stored = storeProcessedFile(core.store, { id: core.ids.file(), created_at: createdAt, expires_at: expiry(form, purpose, createdAt), filename: file.name, purpose, content });
  const object = fileObject(stored);
  return { json: object, committed: { kind: 'file' as const, object } };
};

const list = (ctx: RouteContext) => {
  const { core, query } = ctx;
  const limit = parseLimit(query, 10_000, 10_000);
  const order = query.get('order') ?? 'desc';
  if (order !== 'asc' && order !== 'desc') throw badRequest(`Invalid value for 'order': expected 'asc' or 'desc', got '${order}'.`, 'order', 'invalid_value');
  const purpose = query.get('purpose');
  const now = core.clock.nowSeconds();
  const ordered = core.store.filesNewestFirst();
  if (order === 'asc') ordered.reverse();
  return {
    json: cursorPage(ordered, {
      after: query.get('after'),
      limit,
      visible: (f) => core.store.liveFile(f.id, now) !== undefined && (purpose === null || f.purpose === purpose),
      render: fileObject,
      firstLastIds: 'empty-string',
    }),
  };
};

const live = (ctx: RouteContext): StoredFile => {
  const id = ctx.params['file_id']!;
  const f = ctx.core.store.liveFile(id, ctx.core.clock.nowSeconds());
  if (!f) throw notFound('File', id);
  return f;
};

export const fileRoutes: Route[] = [
  { method: 'POST', pattern: '/v1/files', handler: upload },
  { method: 'GET', pattern: '/v1/files', handler: list },
  { method: 'GET', pattern: '/v1/files/:file_id', handler: (ctx) => ({ json: fileObject(live(ctx)) }) },
  { method: 'GET', pattern: '/v1/files/:file_id/content', handler: (ctx) => ({ raw: live(ctx).content, contentType: 'application/octet-stream' }) },
  {
    method: 'DELETE',
    pattern: '/v1/files/:file_id',
    handler: (ctx) => {
      const f = live(ctx);
      f.deleted = true;
      return { json: { id: f.id, object: 'file', deleted: true } };
    },
  },
];
