import type { Route } from './router.js';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Json } from '../../pipeline/item.js';
import type { ChatBehaviour } from './chat/behaviour.js';
import type { AnswerKeyInput } from './chat/answer-key.js';
import type { FakeClock } from './fake-clock.js';
import type { FaultSwitches } from './faults.js';
import type { BatchLimits, BatchTiming } from './batches/batch-record.js';
import type { JobTiming } from './jobs/job-record.js';
import type { RateLimits } from './rate-limits.js';
import type { LoggedRequest } from './request-log.js';
import type { FakeStore } from './store.js';

/** Called after the fake stored an upload or a job and BEFORE it answers; may drop the connection. */
export type OnCommitted = (
  kind: 'file' | 'job',
  object: Record<string, unknown>,
  req: IncomingMessage,
  res: ServerResponse,
) => void | Promise<void>;

export interface FakeHooks {
  /**
   * Simulates a client killed after the server accepted a request: `res.destroy()` here and the
   * object exists (it is listed) but the client never learns its id.
   */
  onCommitted?: OnCommitted | undefined;
}

export interface FakeOpenAIOptions {
  /**
   * The provider dialect served: its routes (paths, bodies, statuses, errors) over the shared
   * store, clock, faults and request log. Default: OpenAI's (OPENAI_ROUTES).
   */
  routes?: readonly Route[];
  /** 0 (default): any free port. */
  port?: number;
  /** Only loopback is served. */
  host?: '127.0.0.1';
  /** Simulated time at start (default: real now). Model shutdown dates are compared with it. */
  now?: string | Date | number;
  /** Simulated seconds per real second; 0 (default) freezes time so tests drive it with `clock.advance()`. */
  timeScale?: number;
  /** Simulated seconds per job phase (default 30 validating, 30 queued, 120 running). */
  jobTiming?: Partial<JobTiming>;
  /** Simulated seconds per batch phase (default 10 validating, 60 in progress, 10 finalizing). */
  batchTiming?: Partial<BatchTiming>;
  /** When set, any other key gets 401 `invalid_api_key`; otherwise any non-empty key is accepted. */
  apiKey?: string;
  /** Also serve Azure's shape: `/openai/...?api-version=…` with an `api-key` header. */
  azure?: boolean;
  /** Seeds ids, fault draws and everything else random (default 1). */
  seed?: number;
  organizationId?: string;
  /** The org slot of fine-tuned model names (`ft:<snapshot>:<orgSlug>:…`). */
  orgSlug?: string;
  /** Overrides for the model table, in the pipeline `models` shape (e.g. move a shutdown date). */
  modelTable?: Record<string, Json>;
  /** No job creation from this date (YYYY-MM-DD; default the table's `newJobsEndDate`); null disables the check. */
  newJobsEndDate?: string | null;
  /** Chat behaviour per model name; a name the table does not know becomes a chat-only model. */
  models?: Record<string, ChatBehaviour>;
  /** Correct letters for AR-LSAT-style prompts and reference texts for free-text ones, which fine-tuned models then answer better than their base. */
  answerKey?: AnswerKeyInput;
  /** Probability a job-created model answers a keyed prompt correctly (default 0.7). */
  fineTunedAccuracy?: number;
  /** Serve the result CSV base64-encoded, as OpenAI does (default true). */
  resultFileBase64?: boolean;
  /** Largest accepted request body (default 512 MB, OpenAI's file limit). */
  maxUploadBytes?: number;
  /**
   * Real milliseconds every completed chat answer waits before it is sent (default 0), on a timer:
   * concurrent requests wait side by side, so 16 at 200 ms give ~80 answers a second. Not applied
   * to batches, files or any other endpoint, nor to errors.
   */
  latencyMs?: number;
  /**
   * Appends one JSON line per request to this file when its answer is sent or its connection
   * dropped: `{time, at, method, path, status, bodySha256, requestId, ms}` (request-log-file.ts).
   */
  requestLog?: string;
  /** The limits the `x-ratelimit-*` headers of chat answers report (default 30,000 RPM, 150,000,000 TPM). */
  rateLimits?: Partial<RateLimits>;
  /**
   * Batch API limits (default 50,000 requests and 200 MB per input file): a batch with more
   * requests fails validation with `too_many_tasks`; a larger `purpose: batch` upload is refused.
   */
  batchLimits?: Partial<BatchLimits>;
  hooks?: FakeHooks;
}

/** Settings that may be changed while the server runs (read on each request). */
export interface FakeConfig {
  apiKey: string | null;
  azure: boolean;
  organizationId: string;
  orgSlug: string;
  jobTiming: JobTiming;
  batchTiming: BatchTiming;
  modelTable: Record<string, Json> | undefined;
  newJobsEndDate: string | null;
  fineTunedAccuracy: number;
  resultFileBase64: boolean;
  maxUploadBytes: number;
  latencyMs: number;
  rateLimits: RateLimits;
  batchLimits: BatchLimits;
}

export interface FakeOpenAI {
  /** `http://127.0.0.1:<port>` (no `/v1`). */
  readonly url: string;
  /** `${url}/v1`, what the SDK's `baseURL` takes. */
  readonly baseURL: string;
  readonly port: number;
  close(): Promise<void>;
  /** Every request, oldest first; a live array (reset() empties it in place). */
  readonly requests: LoggedRequest[];
  /**
   * Forgets files, jobs, models, the request log (`requests`; a request log file is kept), fault
   * switches and rate-limit counts; keeps config, hooks, behaviours, clock.
   */
  reset(): void;
  readonly faults: FaultSwitches;
  readonly hooks: FakeHooks;
  readonly clock: FakeClock;
  readonly state: FakeStore;
  readonly config: FakeConfig;
  /** Correct letters or free-text references by user-message text or its `answerKeyHash`; mutable. */
  readonly answerKey: Map<string, string>;
  /** Sets (or with undefined removes) the chat behaviour of a model. */
  setChatBehaviour(model: string, behaviour: ChatBehaviour | undefined): void;
}
