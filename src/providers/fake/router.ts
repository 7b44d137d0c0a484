import type { FakeCore } from './core.js';
import type { ParsedBody } from './request-body.js';

/** What a handler sees of a request: the OpenAI path's parameters, query and parsed body. */
export interface RouteContext {
  core: FakeCore;
  method: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: ParsedBody;
  /** The Azure deployment named in the path (`/openai/deployments/{name}/...`), if any. */
  deployment: string | null;
  /** Waits real milliseconds on a timer (answer latency); cut short when the server closes. */
  sleep: (ms: number) => Promise<void>;
}

/**
 * A handler's answer. `committed` marks a request that stored an upload or a job: the pipeline
 * calls the onCommitted hook between storing and answering.
 */
export type Reply =
  | { status?: number; json: unknown; headers?: Record<string, string>; committed?: { kind: 'file' | 'job'; object: Record<string, unknown> } }
  | { status?: number; raw: Buffer; contentType: string };

export type Handler = (ctx: RouteContext) => Reply | Promise<Reply>;

export interface Route {
  method: 'GET' | 'POST' | 'DELETE';
  /** `/v1/files/:file_id/content`; `:name` segments become params (URL-decoded, so `ft:` names with colons work). */
  pattern: string;
  handler: Handler;
}

export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
}

/** The route serving `method path`, with its path parameters; null answers as OpenAI's "Invalid URL". */
export const matchRoute = (routes: readonly Route[], method: string, path: string): RouteMatch | null => {
  const segments = path.split('/');
  for (const route of routes) {
    if (route.method !== method) continue;
    const parts = route.pattern.split('/');
    if (parts.length !== segments.length) continue;
    const params: Record<string, string> = {};
    let ok = true;
    for (let i = 0; i < parts.length && ok; i++) {
      const part = parts[i]!;
      const seg = segments[i]!;
      if (part.startsWith(':')) {
        if (seg === '') ok = false;
        else params[part.slice(1)] = safeDecode(seg);
      } else ok = part === seg;
    }
    if (ok) return { route, params };
  }
  return null;
};

const safeDecode = (s: string): string => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};
