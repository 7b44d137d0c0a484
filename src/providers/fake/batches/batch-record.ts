/**
 * A batch as the fake stores it, and its state at a moment. Like jobs, a batch's progress is a
 * pure function of its creation time, its cancel and the clock (openai-api.md §5.3):
 * validating → in_progress → finalizing → completed, or failed (bad input), or
 * cancelling → cancelled. Results are computed once, when a request first sees it end.
 */
export interface BatchLine {
  line: number;
  customId: string;
  body: Record<string, unknown>;
}

export interface BatchLineError {
  code: string;
  message: string;
  param: string | null;
  line: number | null;
}

export interface BatchTiming {
  validatingSeconds: number;
  inProgressSeconds: number;
  finalizingSeconds: number;
}

export const DEFAULT_BATCH_TIMING: BatchTiming = { validatingSeconds: 10, inProgressSeconds: 60, finalizingSeconds: 10 };

/** OpenAI's per-batch limits (openai-api.md §5.3). */
export interface BatchLimits {
  /** Requests (lines) in one input file. @default 50000 */
  maxRequests: number;
  /** Bytes of one `purpose: batch` file. @default 209715200 (200 MB) */
  maxInputBytes: number;
}

export const DEFAULT_BATCH_LIMITS: BatchLimits = { maxRequests: 50_000, maxInputBytes: 200 * 1024 * 1024 };

/** The window the API offers; with the fake's timings a batch never gets near it. */
export const COMPLETION_WINDOW_SECONDS = 86_400;

export interface BatchUsage {
  input_tokens: number;
  output_tokens: number;
  total_tokens: number;
  input_tokens_details: { cached_tokens: number };
  output_tokens_details: { reasoning_tokens: number };
}

export interface BatchRecord {
  id: string;
  seq: number;
  createdAt: number;
  endpoint: string;
  inputFileId: string;
  completionWindow: string;
  metadata: Record<string, string> | null;
  model: string | null;
  lines: BatchLine[];
  /** Input problems found at creation; the batch fails when validation ends. */
  inputErrors: BatchLineError[];
  timing: BatchTiming;
  cancelledAt: number | null;
  /** Set while/after results are computed (a promise, so concurrent requests wait for one run). */
  finalizing: Promise<void> | null;
  outputFileId: string | null;
  errorFileId: string | null;
  counts: { completed: number; failed: number } | null;
  usage: BatchUsage | null;
}

export type BatchStatus = 'validating' | 'failed' | 'in_progress' | 'finalizing' | 'completed' | 'cancelling' | 'cancelled';

export interface BatchState {
  status: BatchStatus;
  /** Lines processed (all of them once completed; those done before a cancel otherwise). */
  processed: number;
  /** Wall seconds of each transition reached so far. */
  at: { in_progress?: number; finalizing?: number; completed?: number; failed?: number; cancelling?: number; cancelled?: number };
}

const processedAt = (b: BatchRecord, t: number): number => {
  const { validatingSeconds: v, inProgressSeconds: p } = b.timing;
  if (t <= v) return 0;
  if (p <= 0) return b.lines.length;
  return Math.min(b.lines.length, Math.floor(((t - v) / p) * b.lines.length + 1e-9));
};

export const batchState = (b: BatchRecord, now: number): BatchState => {
  const { validatingSeconds: v, inProgressSeconds: p, finalizingSeconds: f } = b.timing;
  const t = now - b.createdAt;
  const c = b.cancelledAt === null ? null : b.cancelledAt - b.createdAt;
  if (b.inputErrors.length > 0) {
    if (c !== null && c < v) return cancelledState(b, c, t);
    return t >= v ? { status: 'failed', processed: 0, at: { failed: b.createdAt + v } } : { status: 'validating', processed: 0, at: {} };
  }
  if (c !== null) return cancelledState(b, c, t);
  const at: BatchState['at'] = {};
  if (t >= v) at.in_progress = b.createdAt + v;
  if (t >= v + p) at.finalizing = b.createdAt + v + p;
  if (t >= v + p + f) at.completed = b.createdAt + v + p + f;
  const status: BatchStatus = t < v ? 'validating' : t < v + p ? 'in_progress' : t < v + p + f ? 'finalizing' : 'completed';
  return { status, processed: processedAt(b, t), at };
};

/** Cancelling lasts as long as finalizing would; lines done before the cancel keep their results. */
const cancelledState = (b: BatchRecord, c: number, t: number): BatchState => {
  const { validatingSeconds: v, finalizingSeconds: f } = b.timing;
  const at: BatchState['at'] = { cancelling: b.createdAt + c };
  if (c >= v) at.in_progress = b.createdAt + v;
  if (t >= c + f) at.cancelled = b.createdAt + c + f;
  return { status: t >= c + f ? 'cancelled' : 'cancelling', processed: processedAt(b, c), at };
};

export const BATCH_TERMINAL: ReadonlySet<BatchStatus> = new Set(['failed', 'completed', 'cancelled']);
