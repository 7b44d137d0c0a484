import { createHash } from 'node:crypto';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

const SECRET_HEADERS = new Set(['authorization', 'api-key']);

const describeBody = async (body: unknown): Promise<unknown> => {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') {
    try {
      return JSON.parse(body) as unknown;
    } catch {
      return body;
    }
  }
  if (body instanceof FormData) {
    const parts: Record<string, unknown> = {};
    for (const [name, value] of body.entries()) {
      if (typeof value === 'string') parts[name] = value;
      else {
        const bytes = Buffer.from(await value.arrayBuffer());
        parts[name] = { filename: value.name, type: value.type, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
      }
    }
    return { multipart: parts };
  }
  return `[${Object.prototype.toString.call(body)}]`;
};

const json = (value: unknown, status = 200) => new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json' } });

const list = (data: unknown[] = []) => ({ object: 'list', data, has_more: false, first_id: null, last_id: null });

/**
 * A fetch that creates nothing, so the real training code path runs to its end and shows every
 * request it would make. A request that would change something (anything but GET) is never sent:
 * it is recorded (secret headers redacted) and answered as the service would. A GET, a read-only
 * lookup of what an earlier attempt made, is sent through \`lookups\` (the real fetch, with the real
 * key) when given and listed in \`lookedUp\`; without it, it is answered as an empty account would.
 */
export const dryRunFetch = (model: string, lookups?: typeof globalThis.fetch) => {
  const requests: RecordedRequest[] = [];
  const lookedUp: { method: string; url: string }[] = [];
  let uploads = 0;
  const fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    // The SDK probes FormData support with a local `data:` fetch; that is no request to the API.
    if (url.startsWith('data:')) return globalThis.fetch(input, init);
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    if (method === 'GET' && lookups) {
      lookedUp.push({ method, url });
      return lookups(input, init);
    }
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((v, k) => {
      // The SDK's platform headers (x-stainless-*) say nothing about the request itself.
      if (!k.startsWith('x-stainless-')) headers[k] = SECRET_HEADERS.has(k) ? '[REDACTED]' : v;
    });
    const body = await describeBody(init?.body);
    requests.push({ method, url, headers, body });
    const path = new URL(url).pathname;
    const now = 0;
    if (method === 'POST' && /\/files$/.test(path)) {
      const file = ((body as { multipart?: Record<string, { filename?: string; bytes?: number }> })?.multipart ?? {})['file'];
      return json({ id: `file-dry-run-${++uploads}`, object: 'file', bytes: file?.bytes ?? 0, created_at: now, filename: file?.filename ?? 'upload.jsonl', purpose: 'fine-tune', status: 'processed' });
    }
    if (method === 'POST' && /\/fine_tuning\/jobs$/.test(path)) {
      const req = body as { model: string; training_file: string; validation_file?: string; metadata?: unknown; method?: unknown; seed?: number };
      return json({
        id: 'ftjob-dry-run', object: 'fine_tuning.job', created_at: now, status: 'validating_files', model: req.model, fine_tuned_model: null,
        training_file: req.training_file, validation_file: req.validation_file ?? null, error: { code: null, message: null, param: null },
        hyperparameters: null, method: req.method, metadata: req.metadata ?? null, result_files: [], trained_tokens: null, finished_at: null, seed: req.seed ?? 0, organization_id: 'org-dry-run',
      });
    }
    if (/\/models$/.test(path)) return json(list([{ id: model, object: 'model', created: now, owned_by: 'system' }]));
    return json(list());
  };
  return { fetch: fetch as typeof globalThis.fetch, requests, lookedUp };
};
