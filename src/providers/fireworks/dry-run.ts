/**
 * What `train --dry-run` answers in place of Fireworks: a create is never sent, so the recording
 * fetch answers it with the object Fireworks would return (shapes from the API reference), and the
 * adapter runs its real code path to the end. Lookups without a key get `emptyList`: a list in
 * Fireworks' shape for a collection, and `{}` (no `name`, which the adapter reads as "not there")
 * for a lookup by id, since a real 404 cannot be answered through a body.
 */
const DRY_RUN_TIME = '1970-01-01T00:00:00Z';

const COLLECTION = /\/v1\/accounts\/([^/]+)\/(datasets|supervisedFineTuningJobs)$/;
const UPLOAD = /\/v1\/accounts\/([^/]+)\/datasets\/([^/:]+):upload$/;

const bodyObject = (body: unknown): Record<string, unknown> => (body && typeof body === 'object' ? (body as Record<string, unknown>) : {});

export const fireworksDryRunAnswer = (request: { method: string; path: string; body: unknown }, model: string): unknown | undefined => {
  if (request.method !== 'POST') return undefined;
  const url = new URL(request.path, 'http://dry-run.invalid');
  const upload = UPLOAD.exec(url.pathname);
  if (upload) {
    const file = (bodyObject(bodyObject(request.body)['multipart'])['file'] ?? {}) as { filename?: string; bytes?: number };
    return { id: upload[2], object: 'file', bytes: file.bytes ?? 0, created_at: 0, filename: file.filename ?? 'upload.jsonl', purpose: 'fine-tune' };
  }
  const collection = COLLECTION.exec(url.pathname);
  if (!collection) return undefined;
  const [, account, kind] = collection;
  const body = bodyObject(request.body);
  if (kind === 'datasets') {
    const dataset = bodyObject(body['dataset']);
    return { ...dataset, name: `accounts/${account}/datasets/${String(body['datasetId'] ?? 'dry-run')}`, createTime: DRY_RUN_TIME, state: 'UPLOADING', status: { code: 'OK', message: '' } };
  }
  const id = url.searchParams.get('supervisedFineTuningJobId') ?? 'dry-run';
  return {
    outputModel: `accounts/${account}/models/${id}`,
    ...body,
    baseModel: body['baseModel'] ?? model,
    name: `accounts/${account}/supervisedFineTuningJobs/${id}`,
    createTime: DRY_RUN_TIME,
    state: 'JOB_STATE_CREATING',
    status: { code: 'OK', message: '' },
  };
};

export const fireworksEmptyList = (path: string): unknown => {
  const pathname = new URL(path, 'http://dry-run.invalid').pathname;
  if (/\/datasets$/.test(pathname)) return { datasets: [], nextPageToken: '', totalSize: 0 };
  if (/\/supervisedFineTuningJobs$/.test(pathname)) return { supervisedFineTuningJobs: [], nextPageToken: '', totalSize: 0 };
  return {};
};
