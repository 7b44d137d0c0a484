import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, invalidUrl } from './api-error.js';
import { checkAuth } from './auth.js';
import type { FakeCore } from './core.js';
import { parseBody, readBody, summarizeBody } from './request-body.js';
import type { RequestLogFile } from './request-log-file.js';
import { loggableHeaders, queryRecord, type LoggedRequest } from './request-log.js';
import { requestTarget } from './request-target.js';
import { matchRoute, type Reply, type Route } from './router.js';
import { syncToClock } from './sync-to-clock.js';

/**
 * One request, start to finish: log → read body → auth → fault switches → catch state up with the
 * clock → route → onCommitted hook → answer → request log file line. Every answer, error or not,
 * carries `x-request-id`.
 */
export interface RequestDeps {
  core: FakeCore;
  routes: readonly Route[];
  log: LoggedRequest[];
  /** The `requestLog` file, if one was asked for. */
  logFile: RequestLogFile | null;
  /** Waits real milliseconds (slow-response faults, chat latency); cut short when the server closes. */
  sleep: (ms: number) => Promise<void>;
}

const baseHeaders = (requestId: string, organizationId: string): Record<string, string> => ({
  'x-request-id': requestId,
  'openai-version': '2020-10-01',
  'openai-organization': organizationId,
  'openai-processing-ms': '1',
});

const send = (res: ServerResponse, status: number, headers: Record<string, string>, body: Buffer, contentType: string): void => {
  // A client gone while the answer waited (latency, a slow fault, server closing) gets nothing, and
  // the log says so (status null) instead of the status of an answer nobody received.
  if (res.destroyed || res.headersSent || !res.socket || res.socket.destroyed) return;
  res.writeHead(status, { ...headers, 'content-type': contentType, 'content-length': String(body.length) });
  res.end(body);
};

const sendJson = (res: ServerResponse, status: number, headers: Record<string, string>, value: unknown): void =>
  send(res, status, headers, Buffer.from(JSON.stringify(value)), 'application/json');

/** The status the client actually got: null when the connection died before an answer. */
const outcome = (res: ServerResponse): number | null => (res.headersSent ? res.statusCode : null);

const EMPTY_SHA256 = createHash('sha256').digest('hex');

export const handleRequest = async (deps: RequestDeps, req: IncomingMessage, res: ServerResponse): Promise<void> => {
  const { core } = deps;
  const startedMs = performance.now();
  const requestId = core.ids.request();
  const headers = baseHeaders(requestId, core.config.organizationId);
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const method = (req.method ?? 'GET').toUpperCase();
  const target = requestTarget(url.pathname, core.config.azure);
  const entry: LoggedRequest = {
    requestId,
    at: core.clock.now().toISOString(),
    method,
    path: url.pathname,
    route: target?.route ?? url.pathname,
    query: queryRecord(url.searchParams),
    headers: loggableHeaders(req.headers),
    body: null,
    status: null,
    faults: [],
    azure: target?.azure ?? false,
    bodySha256: EMPTY_SHA256,
  };
  deps.log.push(entry);
  const hash = createHash('sha256');
  try {
    const raw = await readBody(req, core.config.maxUploadBytes, hash);
    const body = await parseBody(raw, req.headers['content-type']);
    entry.body = summarizeBody(body);
    checkAuth(req.headers, core.config.apiKey, target?.azure ?? false);
    if (!target) throw invalidUrl(method, url.pathname);
    if (target.azure && !target.v1 && !url.searchParams.get('api-version')) {
      throw new ApiError(404, 'Resource not found: Azure OpenAI requests need an api-version query parameter.', 'invalid_request_error', 'api-version', '404');
    }

    const decision = core.faults.decide(method, target.route);
    entry.faults = decision.applied;
    if (decision.delayMs > 0) await deps.sleep(decision.delayMs);
    if (decision.drop) {
      // No answer at all: the client sees a reset socket, as when a proxy or the network drops it.
      req.socket.destroy();
      return;
    }
    if (decision.error) throw decision.error;

    await syncToClock(core);
    const match = matchRoute(deps.routes, method, target.route);
    if (!match) throw invalidUrl(method, url.pathname);
    const reply: Reply = await match.route.handler({
      core,
      method,
      params: match.params,
      query: url.searchParams,
      body,
      deployment: target.deployment,
      sleep: deps.sleep,
    });
    if ('committed' in reply && reply.committed && core.hooks.onCommitted) {
      // The object is stored; the hook may now kill the connection before the answer goes out.
      await core.hooks.onCommitted(reply.committed.kind, reply.committed.object, req, res);
      if (res.destroyed || res.writableEnded) return;
    }
    if ('raw' in reply) send(res, reply.status ?? 200, headers, reply.raw, reply.contentType);
    else sendJson(res, reply.status ?? 200, { ...headers, ...reply.headers }, reply.json);
  } catch (error) {
    const apiError =
      error instanceof ApiError
        ? error
        : new ApiError(500, `The fake OpenAI server failed: ${error instanceof Error ? error.message : String(error)}`, 'server_error', null, null);
    sendJson(res, apiError.status, { ...headers, ...apiError.headers }, apiError.body());
  } finally {
    entry.status = outcome(res);
    // Digested here, not after reading: a body refused as too large is still hashed whole.
    entry.bodySha256 = hash.digest('hex');
    deps.logFile?.write({
      time: new Date().toISOString(),
      at: entry.at,
      method: entry.method,
      path: entry.path,
      status: entry.status,
      bodySha256: entry.bodySha256,
      requestId,
      ms: Math.round(performance.now() - startedMs),
    });
  }
};
