import type { IncomingHttpHeaders } from 'node:http';

/** One request as the fake saw it: what tests assert on (retries, bodies, headers the SDK sent). */
export interface LoggedRequest {
  /** The `x-request-id` the fake answered with. */
  requestId: string;
  /** Simulated time the request arrived (ISO). */
  at: string;
  method: string;
  /** The path as received (an Azure path keeps its `/openai/...` shape). */
  path: string;
  /** The OpenAI path it was served as (`/v1/...`): what routes and fault patterns match. */
  route: string;
  query: Record<string, string>;
  /** Lower-cased headers WITHOUT credentials (authorization, api-key are never stored). */
  headers: Record<string, string>;
  /** JSON bodies as parsed; uploads as `{fields, files:[{field, filename, bytes, type}]}`. */
  body: unknown;
  /** The status sent, or null when the connection was dropped before any answer. */
  status: number | null;
  /** Fault switches applied to this request (`rate_limit#1`, `drop#2`, ...). */
  faults: string[];
  /** sha256 (hex) of the raw body bytes, as the request log file writes it. */
  bodySha256: string;
  azure: boolean;
}

/** Headers that carry secrets: dropped outright, not masked, so no test can leak a key through the log. */
const SECRET_HEADERS = new Set(['authorization', 'api-key', 'proxy-authorization', 'cookie', 'x-api-key']);

export const loggableHeaders = (headers: IncomingHttpHeaders): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || SECRET_HEADERS.has(name.toLowerCase())) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
};

export const queryRecord = (params: URLSearchParams): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const [k, v] of params) out[k] = v;
  return out;
};
