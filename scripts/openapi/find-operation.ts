// Finds, in an OpenAPI document, the operation a fake's answer belongs to and the schema its body
// must fit: by method and path (the server URL's path, `/v1`, taken off) and then by status.
import { resolveRef, type Schema } from './check-schema.js';

export interface OpenApiDocument {
  openapi?: string;
  servers?: { url: string }[];
  paths?: Record<string, Record<string, unknown>>;
  components?: { schemas?: Record<string, Schema>; responses?: Record<string, unknown> };
}

export interface ResponseSchema {
  /** `operationId`, or `METHOD /template` when the document gives none. */
  operation: string;
  /** The document's path template: `/fine_tuning/jobs/{fine_tuning_job_id}`. */
  template: string;
  /** Which response entry answered: `200`, `4XX`, `default`. */
  status: string;
  /** The schema (a `$ref` when the document names it), or null when the response has no JSON body. */
  schema: Schema | null;
}

/** `/v1` from `https://api.openai.com/v1`: the prefix the fakes' paths carry and the templates lack. */
export const serverPrefix = (doc: OpenApiDocument): string => {
  const url = doc.servers?.[0]?.url;
  if (!url) return '';
  return new URL(url, 'http://x').pathname.replace(/\/$/, '');
};

/** Literal segments score higher, so `/files/upload` wins over `/files/{id}` as tools route it. */
const matchTemplate = (template: string, path: string): number => {
  const want = template.split('/');
  const have = path.split('/');
  if (want.length !== have.length) return -1;
  let score = 0;
  for (let i = 0; i < want.length; i++) {
    const part = want[i]!;
    if (/^\{[^}]+\}$/.test(part)) {
      if (have[i] === '') return -1;
    } else if (part === have[i]) score++;
    else return -1;
  }
  return score;
};

/** The path template and operation object serving `method path` (path without query), or null. */
export const findOperation = (doc: OpenApiDocument, method: string, path: string) => {
  const prefix = serverPrefix(doc);
  const local = prefix && path.startsWith(`${prefix}/`) ? path.slice(prefix.length) : path;
  let best: { template: string; operation: Record<string, unknown>; score: number } | null = null;
  for (const [template, item] of Object.entries(doc.paths ?? {})) {
    const operation = item[method.toLowerCase()];
    if (!operation || typeof operation !== 'object') continue;
    const score = matchTemplate(template, local);
    if (score >= 0 && (!best || score > best.score)) best = { template, operation: operation as Record<string, unknown>, score };
  }
  return best;
};

/**
 * The schema for an answer with `status` to `method path`: the exact status, then `2XX`-style
 * ranges, then `default`. Null when the document has no such operation or no entry for the status.
 */
export const responseSchema = (doc: OpenApiDocument, method: string, path: string, status: number): ResponseSchema | null => {
  const found = findOperation(doc, method, path);
  if (!found) return null;
  const responses = (found.operation['responses'] ?? {}) as Record<string, unknown>;
  const key = [String(status), `${String(status)[0]}XX`, `${String(status)[0]}xx`, 'default'].find((k) => k in responses);
  if (key === undefined) return null;
  let response = responses[key] as Record<string, unknown>;
  if (typeof response['$ref'] === 'string') response = resolveRef(doc, response['$ref']);
  const content = (response['content'] ?? {}) as Record<string, { schema?: Schema }>;
  const json = Object.entries(content).find(([type]) => /^application\/(.+\+)?json/.test(type));
  const operation = typeof found.operation['operationId'] === 'string' ? found.operation['operationId'] : `${method} ${found.template}`;
  return { operation, template: found.template, status: key, schema: json?.[1].schema ?? null };
};
