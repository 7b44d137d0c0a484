import type { BatchLimits, BatchLine, BatchLineError } from './batch-record.js';

/**
 * Reads a batch input file: one `{"custom_id", "method": "POST", "url", "body"}` per line, one
 * model per file, unique custom ids, at most `maxRequests` lines (openai-api.md §5.3; the API's
 * documented code for too many is `too_many_tasks`). Problems become the batch's `errors`
 * (the batch then fails), as on the real API; the codes follow real ones where known and are
 * otherwise descriptive.
 */
export interface BatchInput {
  lines: BatchLine[];
  errors: BatchLineError[];
  model: string | null;
}

const MAX_REPORTED = 100;

export const readBatchInput = (content: Buffer, endpoint: string, limits: Pick<BatchLimits, 'maxRequests'>): BatchInput => {
  const lines: BatchLine[] = [];
  const errors: BatchLineError[] = [];
  const seen = new Set<string>();
  let model: string | null = null;
  const text = content.toString('utf8');
  const raw = text.split(/\r?\n/);
  if (raw.at(-1) === '') raw.pop();
  if (raw.length === 0) errors.push({ code: 'empty_file', message: 'The input file is empty.', param: null, line: null });
  if (raw.length > limits.maxRequests) {
    // The whole file is refused: no line of it runs, so there is nothing to check line by line.
    const message = `The batch input file has ${raw.length.toLocaleString('en-US')} requests; a batch can have at most ${limits.maxRequests.toLocaleString('en-US')}. Split it into several batches.`;
    return { lines: [], errors: [{ code: 'too_many_tasks', message, param: null, line: null }], model: null };
  }
  for (const [i, source] of raw.entries()) {
    if (errors.length >= MAX_REPORTED) break;
    const line = i + 1;
    const fail = (code: string, message: string, param: string | null = null) => errors.push({ code, message, param, line });
    let value: unknown;
    try {
      value = JSON.parse(source);
    } catch {
      fail('invalid_json_line', 'This line is not parseable as valid JSON.');
      continue;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      fail('invalid_json_line', 'This line is not a JSON object.');
      continue;
    }
    const entry = value as Record<string, unknown>;
    const customId = entry['custom_id'];
    const body = entry['body'];
    if (typeof customId !== 'string' || customId === '') fail('missing_required_parameter', "Missing required parameter: 'custom_id'.", 'custom_id');
    else if (seen.has(customId)) fail('duplicate_custom_id', `The custom_id '${customId}' is used by more than one request.`, 'custom_id');
    else if (entry['method'] !== 'POST') fail('invalid_method', "Only 'POST' requests are supported.", 'method');
    else if (entry['url'] !== endpoint) fail('invalid_url', `The url '${String(entry['url'])}' does not match the batch endpoint '${endpoint}'.`, 'url');
    else if (body === null || typeof body !== 'object' || Array.isArray(body)) fail('missing_required_parameter', "Missing required parameter: 'body'.", 'body');
    else {
      const lineModel = (body as Record<string, unknown>)['model'];
      if (typeof lineModel === 'string') {
        model ??= lineModel;
        if (lineModel !== model) {
          fail('mismatched_model', `The model '${lineModel}' does not match the model '${model}' of the other requests; a batch uses one model.`, 'body.model');
          continue;
        }
      }
      seen.add(customId);
      lines.push({ line, customId, body: body as Record<string, unknown> });
    }
  }
  return { lines, errors, model };
};
