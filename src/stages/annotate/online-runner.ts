import { ChatRequestError, type ChatReply, type ChatRequestBody, type ChatTransport, type ChatWireMessage } from '../../chat/chat-transport.js';
import type { Clock } from '../../pipeline/clock.js';
import type { AnnotationCache, CachedReply } from './annotation-cache.js';
import type { Budget } from './budget.js';
import { nextStep, type AnswerCheck } from './answer-check.js';
import type { RateLimiter } from './rate-limiter.js';
import type { z } from 'zod';

/** How one request ended. */
export type Outcome =
  | { kind: 'answer'; value: Record<string, unknown>; attempts: number }
  | { kind: 'error'; code: string; message: string }
  | { kind: 'over_budget' };

export interface PendingRequest {
  key: string;
  /** The first attempt's body; retries replace its messages. */
  body: ChatRequestBody;
  messages: ChatWireMessage[];
}

/** What both runners need to price, check and record an attempt. */
export interface AttemptContext {
  cache: AnnotationCache;
  budget: Budget;
  clock: Clock;
  schema: z.ZodType;
  maxAttempts: number;
  /** Input tokens of a conversation (exact, with the model's tokenizer). */
  inputTokens(messages: readonly ChatWireMessage[]): number;
  /** Output tokens when the server sent no usage. */
  outputTokens(text: string): number;
  maxOutputTokens: number;
  /** USD for a number of tokens; null without a price. */
  cost(inputTokens: number, outputTokens: number): number | null;
}

export interface OnlineContext extends AttemptContext {
  transport: ChatTransport;
  limiter: RateLimiter;
  /** Asking again after a 429, 5xx or dropped connection, before the request is an error. */
  maxRequestRetries: number;
  /** First wait when the server gave no Retry-After; doubles each time. */
  retryDelayMs: number;
  signals: RequestSignals;
  /** After each answer that arrived (for progress). */
  onReply?: (reply: CachedReply) => void;
  onRetry?: (error: ChatRequestError) => void;
}

export const outcomeOf = (check: AnswerCheck, attempts: number): Outcome =>
  check.ok ? { kind: 'answer', value: check.value, attempts } : { kind: 'error', code: check.code, message: check.message };

/** The reply as the cache keeps it, priced; usage estimated from the text when the server sent none. */
export const cachedReply = (ctx: AttemptContext, attempt: number, reply: Omit<ChatReply, 'rate'>, inputTokens: number, via: CachedReply['via']): CachedReply => {
  const usage = reply.usage ?? { promptTokens: inputTokens, completionTokens: ctx.outputTokens(reply.content ?? '') };
  return {
    attempt,
    content: reply.content,
    refusal: reply.refusal,
    finishReason: reply.finishReason,
    usage: reply.usage,
    costUsd: ctx.cost(usage.promptTokens, usage.completionTokens),
    via,
    at: ctx.clock.now().toISOString(),
  };
};

/** The most an attempt can cost: exact input, max_tokens of output. */
export const worstCase = (ctx: AttemptContext, messages: readonly ChatWireMessage[]) => {
  const inputTokens = ctx.inputTokens(messages);
  return { inputTokens, worstUsd: ctx.cost(inputTokens, ctx.maxOutputTokens) ?? 0 };
};

/**
 * Per-request abort signals that all abort with the run's, through one listener on it: the SDK
 * adds a listener to each request's signal, and thousands on the run's signal would pile up.
 */
export class RequestSignals {
  readonly #live = new Set<AbortController>();
  constructor(readonly run: AbortSignal) {
    run.addEventListener('abort', () => {
      for (const c of this.#live) c.abort(run.reason);
    }, { once: true });
  }
  /** A signal for one request or wait, and its disposal. */
  open(): { signal: AbortSignal; done: () => void } {
    const controller = new AbortController();
    if (this.run.aborted) controller.abort(this.run.reason);
    this.#live.add(controller);
    return { signal: controller.signal, done: () => this.#live.delete(controller) };
  }
}

const wait = (ms: number, signals: RequestSignals) =>
  new Promise<void>((resolve, reject) => {
    const { signal, done } = signals.open();
    if (signal.aborted) return (done(), reject(signal.reason));
    const timer = setTimeout(() => (done(), resolve()), ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), done(), reject(signal.reason)), { once: true });
  });

/**
 * Resolves one request online: each attempt priced and reserved against the budget, admitted by
 * the model's limiter, written to the cache as sent, then its answer written the moment it
 * arrives; an unusable answer is asked again with the problem; a 429/5xx waits and asks again.
 */
export const resolveOnline = async (request: PendingRequest, ctx: OnlineContext): Promise<Outcome> => {
  for (;;) {
    const step = nextStep(request.messages, ctx.cache.replies(request.key), ctx.schema, ctx.maxAttempts);
    if (step.done) return outcomeOf(step.check, step.reply ? step.reply.attempt + 1 : 0);
    const body: ChatRequestBody = { ...request.body, messages: step.messages };
    const { inputTokens, worstUsd } = worstCase(ctx, step.messages);
    let failures = 0;
    for (;;) {
      if (!ctx.budget.reserve(worstUsd)) return { kind: 'over_budget' };
      const release = await ctx.limiter.acquire(inputTokens + ctx.maxOutputTokens).catch((error: unknown) => {
        ctx.budget.settle(worstUsd, 0);
        throw error;
      });
      let reply: ChatReply;
      const { signal, done } = ctx.signals.open();
      try {
        ctx.cache.markSent(request.key, step.attempt, ctx.clock.now());
        reply = await ctx.transport.send(body, signal);
      } catch (error) {
        done();
        release();
        ctx.budget.settle(worstUsd, 0);
        if (!(error instanceof ChatRequestError)) throw error;
        if (!error.retryable || failures >= ctx.maxRequestRetries) {
          const tried = failures > 0 ? ` (after ${failures + 1} tries)` : '';
          return { kind: 'error', code: 'request_failed', message: `${error.message}${tried}` };
        }
        failures++;
        ctx.onRetry?.(error);
        const delay = error.retryAfterMs ?? ctx.retryDelayMs * 2 ** (failures - 1) * (0.75 + Math.random() / 2);
        ctx.limiter.pause(Math.min(delay, 60_000));
        if (error.retryAfterMs === undefined) await wait(Math.min(delay, 60_000), ctx.signals);
        continue;
      }
      done();
      ctx.limiter.observe(reply.rate);
      release();
      const cached = cachedReply(ctx, step.attempt, reply, inputTokens, 'online');
      ctx.budget.settle(worstUsd, cached.costUsd ?? 0);
      ctx.cache.record(request.key, cached);
      ctx.onReply?.(cached);
      break;
    }
  }
};
