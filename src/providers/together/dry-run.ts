/**
 * What `train --dry-run` answers in Together's shapes (openapi.yaml FileResponse and
 * FinetuneResponseTruncated), so the adapter's real code path runs to its end without creating
 * anything. Only creates are answered here; lookups read the account or get an empty list.
 */
const EPOCH = '1970-01-01T00:00:00.000Z';

interface Multipart {
  multipart?: Record<string, { filename?: string; bytes?: number } | string>;
}

export const dryRunAnswer = (request: { method: string; path: string; body: unknown }, model: string): unknown | undefined => {
  if (request.method !== 'POST') return undefined;
  if (/\/files\/upload$/.test(request.path)) {
    const parts = (request.body as Multipart | undefined)?.multipart ?? {};
    const file = typeof parts['file'] === 'object' ? parts['file'] : undefined;
    const name = typeof parts['file_name'] === 'string' ? parts['file_name'] : (file?.filename ?? 'upload.jsonl');
    return { id: 'file-dry-run', object: 'file', created_at: 0, filename: name, bytes: file?.bytes ?? 0, purpose: 'fine-tune', Processed: true, FileType: 'jsonl' };
  }
  if (/\/fine-tunes$/.test(request.path)) {
    const body = (request.body ?? {}) as Record<string, unknown>;
    return {
      id: 'ft-dry-run',
      status: 'pending',
      created_at: EPOCH,
      updated_at: EPOCH,
      model: typeof body['model'] === 'string' ? body['model'] : model,
      training_file: body['training_file'],
      ...(body['validation_file'] ? { validation_file: body['validation_file'] } : {}),
      ...(typeof body['suffix'] === 'string' ? { suffix: body['suffix'] } : {}),
      n_epochs: body['n_epochs'] ?? 1,
      events: [],
    };
  }
  if (/\/fine-tunes\/[^/]+\/cancel$/.test(request.path)) return { id: request.path.split('/').at(-2), status: 'cancelled', created_at: EPOCH, updated_at: EPOCH };
  return undefined;
};

/** Together lists are `{data: [...]}` (FileList, FinetuneTruncatedList, FinetuneListEvents, checkpoints); /models is a bare array. */
export const emptyList = (path: string): unknown => (/\/models$/.test(path) ? [] : { data: [] });
