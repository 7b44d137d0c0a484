import type { FakeCore } from '../fake/core.js';
import { jsonObject } from '../fake/request-body.js';
import type { Route, RouteContext } from '../fake/router.js';
import type { StoredFile } from '../fake/store.js';
import { answering, GatewayError } from './fake-errors.js';
import { RESOURCE_ID } from './resource-ids.js';

/**
 * Fireworks' datasets in the fake (POST/GET/DELETE `/v1/accounts/{account}/datasets[/{id}]`, and
 * `POST .../datasets/{id}:upload`), kept in the shared store's files under their resource name
 * (`accounts/a/datasets/d`), so `reset()` forgets them with everything else. A dataset is created
 * empty (state UPLOADING) and becomes READY when its file is uploaded, as the reference's
 * create-then-upload flow has it.
 */
export const DATASET_PURPOSE = 'fireworks-dataset';

interface DatasetExtras {
  displayName: string;
  format: string;
  createTime: string;
  updateTime: string;
}

const extras = new WeakMap<StoredFile, DatasetExtras>();

export const datasetName = (account: string, id: string) => `accounts/${account}/datasets/${id}`;

const iso = (seconds: number) => new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');

const examples = (content: Buffer) => content.toString('utf8').split(/\r?\n/).filter((l) => l.trim() !== '').length;

export const datasetObject = (f: StoredFile) => {
  const x = extras.get(f)!;
  return {
    name: f.id,
    displayName: x.displayName,
    createTime: x.createTime,
    updateTime: x.updateTime,
    state: f.status === 'processed' ? 'READY' : 'UPLOADING',
    status: { code: 'OK', message: '' },
    exampleCount: String(f.status === 'processed' ? examples(f.content) : 0),
    userUploaded: {},
    format: x.format,
  };
};

/** The dataset a name points to, or NOT_FOUND in the gateway's words. */
export const liveDataset = (core: FakeCore, name: string): StoredFile => {
  const f = core.store.files.get(name);
  if (!f || f.deleted || f.purpose !== DATASET_PURPOSE) throw new GatewayError('NOT_FOUND', `Dataset "${name}" not found`);
  return f;
};

const create = (ctx: RouteContext) => {
  const body = jsonObject(ctx.body);
  const account = ctx.params['account_id']!;
  const id = body['datasetId'];
  if (typeof id !== 'string' || id === '') throw new GatewayError('INVALID_ARGUMENT', 'datasetId is required');
  if (!RESOURCE_ID.test(id)) {
    throw new GatewayError('INVALID_ARGUMENT', `invalid dataset id "${id}": use lowercase letters, digits and hyphens, start with a letter, at most 63 characters`);
  }
  const dataset = body['dataset'];
  if (!dataset || typeof dataset !== 'object') throw new GatewayError('INVALID_ARGUMENT', 'dataset is required');
  const name = datasetName(account, id);
  const existing = ctx.core.store.files.get(name);
  if (existing && !existing.deleted) throw new GatewayError('ALREADY_EXISTS', `Dataset "${name}" already exists`);
  const now = ctx.core.clock.nowSeconds();
  const d = dataset as { displayName?: unknown; format?: unknown };
  const stored: StoredFile = {
    id: name,
    seq: ctx.core.store.nextSeq(),
    bytes: 0,
    created_at: now,
    expires_at: null,
    filename: '',
    purpose: DATASET_PURPOSE,
    status: 'uploaded',
    content: Buffer.alloc(0),
    deleted: false,
  };
  extras.set(stored, {
    displayName: typeof d.displayName === 'string' ? d.displayName : id,
    format: typeof d.format === 'string' ? d.format : 'FORMAT_UNSPECIFIED',
    createTime: iso(now),
    updateTime: iso(now),
  });
  ctx.core.store.files.set(name, stored);
  const object = datasetObject(stored);
  return { json: object, committed: { kind: 'file' as const, object } };
};

const UPLOAD_SUFFIX = ':upload';

/** `POST .../datasets/{id}:upload`: the router sees `{id}:upload` as one segment. */
const upload = async (ctx: RouteContext) => {
  const segment = ctx.params['dataset_id']!;
  if (!segment.endsWith(UPLOAD_SUFFIX)) throw new GatewayError('NOT_FOUND', `no method POST .../datasets/${segment}`);
  const f = liveDataset(ctx.core, datasetName(ctx.params['account_id']!, segment.slice(0, -UPLOAD_SUFFIX.length)));
  if (ctx.body.kind !== 'form') throw new GatewayError('INVALID_ARGUMENT', 'expected a multipart/form-data body with a "file" part');
  const file = ctx.body.form.get('file');
  if (file === null || typeof file === 'string') throw new GatewayError('INVALID_ARGUMENT', 'the "file" part is required');
  if (f.status === 'processed') throw new GatewayError('FAILED_PRECONDITION', `Dataset "${f.id}" is already uploaded (state READY)`);
  const content = Buffer.from(await file.arrayBuffer());
  f.content = content;
  f.bytes = content.length;
  f.filename = file.name;
  f.status = 'processed';
  extras.get(f)!.updateTime = iso(ctx.core.clock.nowSeconds());
  const object = { id: f.id.slice(f.id.lastIndexOf('/') + 1), object: 'file', bytes: f.bytes, created_at: f.created_at, filename: f.filename, purpose: 'fine-tune' };
  return { json: object, committed: { kind: 'file' as const, object } };
};

const pageOf = <T>(items: T[], query: URLSearchParams) => {
  const size = Math.min(200, Math.max(1, Number(query.get('pageSize') ?? 50) || 50));
  const start = Number(query.get('pageToken') ?? 0) || 0;
  const page = items.slice(start, start + size);
  return { page, nextPageToken: start + size < items.length ? String(start + size) : '', totalSize: items.length };
};

/** Lists are ordered by name (the reference's default) and paged by pageSize/pageToken; `filter` is not applied. */
export const listPage = pageOf;

const list = (ctx: RouteContext) => {
  const prefix = datasetName(ctx.params['account_id']!, '');
  const all = [...ctx.core.store.files.values()].filter((f) => f.purpose === DATASET_PURPOSE && !f.deleted && f.id.startsWith(prefix)).sort((a, b) => a.id.localeCompare(b.id));
  const { page, nextPageToken, totalSize } = pageOf(all, ctx.query);
  return { json: { datasets: page.map(datasetObject), nextPageToken, totalSize } };
};

const get = (ctx: RouteContext) => ({ json: datasetObject(liveDataset(ctx.core, datasetName(ctx.params['account_id']!, ctx.params['dataset_id']!))) });

const remove = (ctx: RouteContext) => {
  liveDataset(ctx.core, datasetName(ctx.params['account_id']!, ctx.params['dataset_id']!)).deleted = true;
  return { json: {} };
};

const DATASETS = '/v1/accounts/:account_id/datasets';

export const datasetRoutes: Route[] = [
  { method: 'POST', pattern: DATASETS, handler: answering(create) },
  { method: 'GET', pattern: DATASETS, handler: answering(list) },
  { method: 'GET', pattern: `${DATASETS}/:dataset_id`, handler: answering(get) },
  { method: 'POST', pattern: `${DATASETS}/:dataset_id`, handler: answering(upload) },
  { method: 'DELETE', pattern: `${DATASETS}/:dataset_id`, handler: answering(remove) },
];
