/**
 * What `train --dry-run` answers for an OpenAI create that is never sent, in the shape OpenAI
 * returns it, so the adapter's real code path runs to its end. Azure speaks OpenAI's protocol and
 * uses this answer as it is; Nebius reuses the file object. The request body is the one the dry
 * run recorded: JSON as sent, or `{multipart: {file: {filename, bytes, sha256}, purpose}}`.
 */
type Multipart = { multipart?: Record<string, { filename?: string; bytes?: number; sha256?: string } | string> };

export const dryRunFileObject = (body: unknown) => {
  const file = (body as Multipart | null)?.multipart?.['file'];
  const f = typeof file === 'object' && file !== null ? file : {};
  // No counter: the same upload gets the same id, from its content hash.
  return {
    id: `file-dry-run-${(f.sha256 ?? '').slice(0, 12) || 'upload'}`,
    object: 'file',
    bytes: f.bytes ?? 0,
    created_at: 0,
    filename: f.filename ?? 'upload.jsonl',
    purpose: 'fine-tune',
    status: 'processed',
  };
};

export const openaiDryRunAnswer = (request: { method: string; path: string; body: unknown }): unknown => {
  if (request.method !== 'POST') return undefined;
  if (/\/files$/.test(request.path)) return dryRunFileObject(request.body);
  if (/\/fine_tuning\/jobs$/.test(request.path)) {
    const req = (request.body ?? {}) as { model?: string; training_file?: string; validation_file?: string; metadata?: unknown; method?: unknown; seed?: number; suffix?: string };
    return {
      id: 'ftjob-dry-run',
      object: 'fine_tuning.job',
      created_at: 0,
      status: 'validating_files',
      model: req.model,
      fine_tuned_model: null,
      training_file: req.training_file,
      validation_file: req.validation_file ?? null,
      // A healthy job's error is null (OpenAI's OpenAPI document allows nothing else).
      error: null,
      hyperparameters: null,
      method: req.method ?? null,
      metadata: req.metadata ?? null,
      result_files: [],
      trained_tokens: null,
      finished_at: null,
      seed: req.seed ?? 0,
      suffix: req.suffix ?? null,
      organization_id: 'org-dry-run',
    };
  }
  return undefined;
};
