import type { Hash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { ApiError } from './api-error.js';

/**
 * A request body, read whole and parsed once, so handlers and the request log see the same thing.
 * Multipart goes through Node's own `Request#formData()`, which copes with both the SDK's buffered
 * (toFile, Content-Length) and streamed (chunked) uploads once the bytes are collected.
 */
export type ParsedBody =
  | { kind: 'none' }
  | { kind: 'json'; value: unknown }
  | { kind: 'form'; form: FormData }
  | { kind: 'raw'; bytes: number }
  | { kind: 'invalid'; reason: string };

/** Reads the whole body; `hash` (the request log's bodySha256) sees every byte, also past the limit. */
export const readBody = async (req: IncomingMessage, maxBytes: number, hash?: Hash): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    hash?.update(buf);
    size += buf.length;
    // Keep reading (so the client sees an answer, not a reset) but stop storing past the limit.
    if (size <= maxBytes) chunks.push(buf);
  }
  if (size > maxBytes) throw new ApiError(413, `Request body of ${size} bytes exceeds the fake's limit of ${maxBytes} bytes.`, 'invalid_request_error', 'file', 'file_too_large');
  return Buffer.concat(chunks);
};

export const parseBody = async (body: Buffer, contentType: string | undefined): Promise<ParsedBody> => {
  if (body.length === 0) return { kind: 'none' };
  const type = (contentType ?? '').toLowerCase();
  if (type.startsWith('multipart/form-data')) {
    try {
      const form = await new Request('http://fake.invalid/', { method: 'POST', headers: { 'content-type': contentType! }, body: new Uint8Array(body) }).formData();
      return { kind: 'form', form };
    } catch (error) {
      return { kind: 'invalid', reason: `could not parse multipart body: ${(error as Error).message}` };
    }
  }
  if (type.includes('json') || type === '') {
    try {
      return { kind: 'json', value: JSON.parse(body.toString('utf8')) };
    } catch {
      return { kind: 'invalid', reason: 'invalid JSON' };
    }
  }
  return { kind: 'raw', bytes: body.length };
};

/** The JSON object a JSON endpoint needs, or the 400 OpenAI gives for an unreadable body. */
export const jsonObject = (body: ParsedBody): Record<string, unknown> => {
  if (body.kind === 'none') return {};
  if (body.kind === 'json' && body.value !== null && typeof body.value === 'object' && !Array.isArray(body.value)) {
    return body.value as Record<string, unknown>;
  }
  throw new ApiError(
    400,
    "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)",
    'invalid_request_error',
  );
};

/** What the request log keeps of a body: JSON as parsed, uploads as names and sizes (never the bytes). */
export const summarizeBody = (body: ParsedBody): unknown => {
  switch (body.kind) {
    case 'none':
      return null;
    case 'json':
      return body.value;
    case 'raw':
      return { bytes: body.bytes };
    case 'invalid':
      return { invalid: body.reason };
    case 'form': {
      const fields: Record<string, string> = {};
      const files: { field: string; filename: string; bytes: number; type: string }[] = [];
      for (const [name, value] of body.form.entries()) {
        if (typeof value === 'string') fields[name] = value;
        else files.push({ field: name, filename: value.name, bytes: value.size, type: value.type });
      }
      return { fields, files };
    }
  }
};
