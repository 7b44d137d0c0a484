import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { NEW_JOBS_END_DATE } from '../openai/model-table.js';
import { DEFAULT_BATCH_LIMITS, DEFAULT_BATCH_TIMING } from './batches/batch-record.js';
import { toAnswerKeyMap } from './chat/answer-key.js';
import type { ChatBehaviour } from './chat/behaviour.js';
import type { FakeCore } from './core.js';
import { FakeClock } from './fake-clock.js';
import { FaultSwitches } from './faults.js';
import { handleRequest } from './handle-request.js';
import { DEFAULT_JOB_TIMING } from './jobs/job-record.js';
import { IdFactory } from './random.js';
import { DEFAULT_RATE_LIMITS, RateLimitWindow } from './rate-limits.js';
import { RequestLogFile } from './request-log-file.js';
import type { LoggedRequest } from './request-log.js';
import { batchRoutes } from './routes/batches.js';
import { chatRoutes } from './routes/chat.js';
import { fileRoutes } from './routes/files.js';
import { jobEventRoutes } from './routes/job-events.js';
import { jobRoutes } from './routes/jobs.js';
import { modelRoutes } from './routes/models.js';
import { FakeStore } from './store.js';
import type { FakeConfig, FakeOpenAI, FakeOpenAIOptions } from './types.js';

/**
 * Starts the fake OpenAI server on 127.0.0.1: plain node:http, the real wire protocol for files,
 * fine-tuning jobs (events, checkpoints, result files), models, chat completions and batches.
 * State lives in memory; time is the fake's clock, and job and batch state is computed from it on
 * each request.
 */
export const OPENAI_ROUTES = [...fileRoutes, ...jobRoutes, ...jobEventRoutes, ...modelRoutes, ...chatRoutes, ...batchRoutes];

const resolveConfig = (options: FakeOpenAIOptions): FakeConfig => {
  const accuracy = options.fineTunedAccuracy ?? 0.7;
  if (!(accuracy >= 0 && accuracy <= 1)) throw new Error(`fineTunedAccuracy must be in [0, 1], got ${accuracy}`);
  const latencyMs = options.latencyMs ?? 0;
  if (!(latencyMs >= 0 && Number.isFinite(latencyMs))) throw new Error(`latencyMs must be a number of milliseconds >= 0, got ${latencyMs}`);
  const rateLimits = { ...DEFAULT_RATE_LIMITS, ...options.rateLimits };
  const batchLimits = { ...DEFAULT_BATCH_LIMITS, ...options.batchLimits };
  for (const [name, v] of Object.entries({ ...rateLimits, ...batchLimits })) {
    if (!(Number.isInteger(v) && v > 0)) throw new Error(`${name} must be a whole number > 0, got ${v}`);
  }
  return {
    apiKey: options.apiKey ?? null,
    azure: options.azure ?? false,
    organizationId: options.organizationId ?? 'org-fakeopenai000000000000',
    orgSlug: options.orgSlug ?? 'fake-org',
    jobTiming: { ...DEFAULT_JOB_TIMING, ...options.jobTiming },
    batchTiming: { ...DEFAULT_BATCH_TIMING, ...options.batchTiming },
    modelTable: options.modelTable,
    newJobsEndDate: options.newJobsEndDate === undefined ? NEW_JOBS_END_DATE : options.newJobsEndDate,
    fineTunedAccuracy: accuracy,
    resultFileBase64: options.resultFileBase64 ?? true,
    maxUploadBytes: options.maxUploadBytes ?? 512 * 1024 * 1024,
    latencyMs,
    rateLimits,
    batchLimits,
  };
};

export const startFakeOpenAI = async (options: FakeOpenAIOptions = {}): Promise<FakeOpenAI> => {
  const host = options.host ?? '127.0.0.1';
  if (host !== '127.0.0.1') throw new Error('the fake OpenAI server only listens on 127.0.0.1');
  const seed = options.seed ?? 1;
  const config = resolveConfig(options);
  const core: FakeCore = {
    clock: new FakeClock({ ...(options.now === undefined ? {} : { start: options.now }), timeScale: options.timeScale ?? 0 }),
    store: new FakeStore(),
    ids: new IdFactory(seed),
    faults: new FaultSwitches(seed),
    hooks: { ...options.hooks },
    config,
    rateLimits: new RateLimitWindow(() => config.rateLimits),
    behaviours: new Map<string, ChatBehaviour>(Object.entries(options.models ?? {})),
    answerKey: toAnswerKeyMap(options.answerKey),
  };
  const log: LoggedRequest[] = [];
  const logFile = options.requestLog === undefined ? null : new RequestLogFile(options.requestLog);

  // Slow-response faults and chat latency wait on real timers; closing the server releases them at
  // once, and a request still being handled then waits no more.
  const waits = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();
  let closing: Promise<void> | null = null;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      if (closing) return resolve();
      const wait = { timer: setTimeout(() => (waits.delete(wait), resolve()), ms), resolve };
      waits.add(wait);
    });

  const sockets = new Set<Socket>();
  const server = createServer((req, res: ServerResponse) => {
    void handleRequest({ core, routes: options.routes ?? OPENAI_ROUTES, log, logFile, sleep }, req, res);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host}:${port}`;

  return {
    url,
    baseURL: `${url}/v1`,
    port,
    requests: log,
    faults: core.faults,
    hooks: core.hooks,
    clock: core.clock,
    state: core.store,
    config: core.config,
    answerKey: core.answerKey,
    setChatBehaviour: (model, behaviour) => {
      if (behaviour) core.behaviours.set(model, behaviour);
      else core.behaviours.delete(model);
    },
    reset: () => {
      core.store.clear();
      core.ids.reset();
      core.faults.clear();
      core.rateLimits.reset();
      log.length = 0;
    },
    // Idempotent: a test may close the fake itself and again in its clean-up.
    close: () =>
      (closing ??= new Promise<void>((resolve, reject) => {
        for (const wait of waits) {
          clearTimeout(wait.timer);
          wait.resolve();
        }
        waits.clear();
        // Keep-alive sockets would hold close() open; the fake has no requests worth finishing.
        for (const socket of sockets) socket.destroy();
        server.close((error) => (error ? reject(error) : resolve()));
      })),
  };
};
