import type { ApiError } from './api-error.js';
import { replyFaultApplies, type JsonFormat, type ReplyFaultKind, type ReplyFaultSpec } from './chat/reply-faults.js';
import { faultError } from './fault-errors.js';
import { seededRng, type Rng } from './random.js';

/**
 * Fault switches: make chosen requests fail the way api.openai.com does, so retry and recovery
 * code can be tested against the real SDK. Draws come from a seeded PRNG: a probabilistic fault
 * hits the same requests on every run.
 */
export type FaultKind = 'rate_limit' | 'quota' | 'server_error' | 'status' | 'slow' | 'drop';

export interface FaultSpec {
  kind: FaultKind;
  /**
   * Which requests: `"POST /v1/files"`, `"/v1/fine_tuning/jobs*"` (any method), `"*"`, or a RegExp
   * tested against `"METHOD /v1/path"`. `*` matches any run of characters. Default: every request.
   * Paths are the OpenAI ones (`/v1/...`) also for Azure-shaped requests.
   */
  match?: string | RegExp;
  /** How many requests it hits, then it stays inert (default: unlimited). */
  times?: number;
  /** Chance each matching request is hit (default 1), drawn from the seeded PRNG. */
  probability?: number;
  /** `slow`: milliseconds to wait before handling (real time; keep small in tests). */
  delayMs?: number;
  /** `status`: the HTTP status to answer with. */
  status?: number;
  /** 429/5xx: value of `retry-after-ms` (default 0, so SDK retries are instant in tests); `retry-after` gets the rounded-up seconds. */
  retryAfterMs?: number;
  /** Sends `x-should-retry: true|false`, which overrides the SDK's status-based retry decision. */
  shouldRetry?: boolean;
  message?: string;
  code?: string;
}

export interface Fault extends Readonly<FaultSpec> {
  readonly id: number;
  /** Requests it has hit so far. */
  readonly hits: number;
  remove(): void;
}

/** A reply fault as armed: its spec, hits so far, and a switch to disarm it. */
export interface ReplyFault extends Readonly<ReplyFaultSpec> {
  readonly id: number;
  readonly hits: number;
  remove(): void;
}

/** A fine-tuning job that fails while running (decided when the job is created). */
export interface JobFailureSpec {
  times?: number;
  probability?: number;
  /** Share of the running phase after which it fails (default 0.5). */
  atFraction?: number;
  code?: string;
  message?: string;
}

export interface JobFailure {
  atFraction: number;
  code: string;
  message: string;
}

/** What the request pipeline should do to one request. */
export interface FaultDecision {
  delayMs: number;
  drop: boolean;
  error: ApiError | null;
  applied: string[];
}

interface Armed<S> {
  id: number;
  spec: S;
  hits: number;
}

export class FaultSwitches {
  private faults: Armed<FaultSpec>[] = [];
  private jobFailures: Armed<JobFailureSpec>[] = [];
  private replyFaults: Armed<ReplyFaultSpec>[] = [];
  private pausedStatuses: Armed<Record<never, never>>[] = [];
  private nextId = 1;
  private rng: Rng;

  constructor(private readonly seed: number) {
    this.rng = seededRng(seed ^ 0x5eed);
  }

  add(spec: FaultSpec): Fault {
    if (spec.probability !== undefined && !(spec.probability >= 0 && spec.probability <= 1)) throw new Error('fault probability must be in [0, 1]');
    const armed: Armed<FaultSpec> = { id: this.nextId++, spec: { ...spec }, hits: 0 };
    this.faults.push(armed);
    const remove = () => {
      this.faults = this.faults.filter((f) => f !== armed);
    };
    return Object.defineProperties({ ...spec, id: armed.id, remove } as Fault, { hits: { get: () => armed.hits, enumerable: true } });
  }

  rateLimit(match?: string | RegExp, options: Omit<FaultSpec, 'kind' | 'match'> = {}): Fault {
    return this.add({ ...options, kind: 'rate_limit', ...(match === undefined ? {} : { match }) });
  }

  serverError(match?: string | RegExp, options: Omit<FaultSpec, 'kind' | 'match'> = {}): Fault {
    return this.add({ ...options, kind: 'server_error', ...(match === undefined ? {} : { match }) });
  }

  slow(delayMs: number, match?: string | RegExp, options: Omit<FaultSpec, 'kind' | 'match' | 'delayMs'> = {}): Fault {
    return this.add({ ...options, kind: 'slow', delayMs, ...(match === undefined ? {} : { match }) });
  }

  drop(match?: string | RegExp, options: Omit<FaultSpec, 'kind' | 'match'> = {}): Fault {
    return this.add({ ...options, kind: 'drop', ...(match === undefined ? {} : { match }) });
  }

  /**
   * Chat replies that answer 200 with JSON cut in half, for requests with a `response_format` of
   * `json_schema` or `json_object` (chat/reply-faults.ts). `model`: name or `*` pattern, default all.
   * Batch lines are answered by the same code, so they are spoiled too (in input order).
   */
  invalidJson(model?: string | RegExp, options: Omit<ReplyFaultSpec, 'kind' | 'model'> = {}): ReplyFault {
    return this.addReplyFault({ ...options, kind: 'invalid_json', ...(model === undefined ? {} : { model }) });
  }

  /** Chat replies with valid JSON that fails the request's `json_schema` (a required property missing). */
  schemaMismatch(model?: string | RegExp, options: Omit<ReplyFaultSpec, 'kind' | 'model'> = {}): ReplyFault {
    return this.addReplyFault({ ...options, kind: 'schema_mismatch', ...(model === undefined ? {} : { model }) });
  }

  addReplyFault(spec: ReplyFaultSpec): ReplyFault {
    if (spec.probability !== undefined && !(spec.probability >= 0 && spec.probability <= 1)) throw new Error('fault probability must be in [0, 1]');
    const armed: Armed<ReplyFaultSpec> = { id: this.nextId++, spec: { ...spec }, hits: 0 };
    this.replyFaults.push(armed);
    const remove = () => {
      this.replyFaults = this.replyFaults.filter((f) => f !== armed);
    };
    return Object.defineProperties({ ...spec, id: armed.id, remove } as ReplyFault, { hits: { get: () => armed.hits, enumerable: true } });
  }

  /** Draws whether one chat reply is spoiled; `models` are the requested name and the resolved id. */
  replyFault(models: readonly string[], format: JsonFormat): ReplyFaultKind | null {
    for (const fault of this.replyFaults) {
      if (replyFaultApplies(fault.spec, models, format) && this.fires(fault)) return fault.spec.kind;
    }
    return null;
  }

  /** Jobs created from now on fail mid-run (each drawn once, at creation). */
  failJobs(spec: JobFailureSpec = {}): { readonly hits: number; remove(): void } {
    const armed: Armed<JobFailureSpec> = { id: this.nextId++, spec: { ...spec }, hits: 0 };
    this.jobFailures.push(armed);
    return {
      get hits() {
        return armed.hits;
      },
      remove: () => {
        this.jobFailures = this.jobFailures.filter((f) => f !== armed);
      },
    };
  }

  /**
   * OUTSIDE OpenAI's published document: while armed, paused jobs show `status: "paused"` (as the
   * document's pause example does; its status enum lacks it) instead of `queued`, to test that a
   * client treats a status it does not know as still running. `hits` counts jobs shown paused.
   */
  showPausedStatus(): { readonly hits: number; remove(): void } {
    const armed: Armed<Record<never, never>> = { id: this.nextId++, spec: {}, hits: 0 };
    this.pausedStatuses.push(armed);
    return {
      get hits() {
        return armed.hits;
      },
      remove: () => {
        this.pausedStatuses = this.pausedStatuses.filter((f) => f !== armed);
      },
    };
  }

  /** Whether a paused job is shown as `paused` now (counted as a hit of the switch). */
  pausedStatusShown(): boolean {
    const armed = this.pausedStatuses[0];
    if (!armed) return false;
    armed.hits++;
    return true;
  }

  list(): readonly FaultSpec[] {
    return this.faults.map((f) => f.spec);
  }

  /** Removes every switch and restarts the PRNG, so a reset fake draws as a fresh one. */
  clear(): void {
    this.faults = [];
    this.jobFailures = [];
    this.replyFaults = [];
    this.pausedStatuses = [];
    this.rng = seededRng(this.seed ^ 0x5eed);
  }

  /** Applies the switches to one request. */
  decide(method: string, route: string): FaultDecision {
    const decision: FaultDecision = { delayMs: 0, drop: false, error: null, applied: [] };
    for (const fault of this.faults) {
      const { spec } = fault;
      // Only one failure per request: a later switch does not spend its count on a request already failed.
      const decided = decision.drop || decision.error !== null;
      if ((spec.kind !== 'slow' && decided) || !matches(spec.match, method, route) || !this.fires(fault)) continue;
      decision.applied.push(`${spec.kind}#${fault.id}`);
      if (spec.kind === 'slow') decision.delayMs += spec.delayMs ?? 0;
      else if (spec.kind === 'drop') decision.drop = true;
      else decision.error = faultError(spec);
    }
    return decision;
  }

  /** Draws whether a job created now fails mid-run. */
  jobFailure(): JobFailure | null {
    for (const failure of this.jobFailures) {
      if (!this.fires(failure)) continue;
      const { spec } = failure;
      return {
        atFraction: Math.min(0.99, Math.max(0, spec.atFraction ?? 0.5)),
        code: spec.code ?? 'server_error',
        message: spec.message ?? 'The job failed due to an internal error. Please try again.',
      };
    }
    return null;
  }

  private fires(armed: Armed<{ times?: number; probability?: number }>): boolean {
    if (armed.spec.times !== undefined && armed.hits >= armed.spec.times) return false;
    if (armed.spec.probability !== undefined && !(this.rng() < armed.spec.probability)) return false;
    armed.hits++;
    return true;
  }
}

const matches = (pattern: string | RegExp | undefined, method: string, route: string): boolean => {
  if (pattern === undefined) return true;
  const target = `${method} ${route}`;
  if (pattern instanceof RegExp) return pattern.test(target);
  const [first, ...rest] = pattern.trim().split(/\s+/);
  const hasMethod = rest.length > 0;
  const path = hasMethod ? rest.join(' ') : first!;
  if (hasMethod && first!.toUpperCase() !== method) return false;
  const regex = new RegExp(`^${path.split('*').map(escapeRegExp).join('.*')}$`);
  return regex.test(route);
};

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
