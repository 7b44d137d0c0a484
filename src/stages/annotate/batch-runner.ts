import type OpenAI from 'openai';
import type { Logger } from '../../pipeline/logger.js';
import { nextStep } from './answer-check.js';
import { abortableSleep, BatchApi, type Sleep } from './batch-api.js';
import { customIdOf, parseCustomId, type BatchAttempt } from './batch-lines.js';
import type { LineResult } from './batch-results.js';
import { runRound } from './batch-round.js';
import { BatchStateFile } from './batch-state.js';
import { cachedReply, outcomeOf, worstCase, type AttemptContext, type Outcome, type PendingRequest } from './online-runner.js';

export interface BatchSettings {
  pollIntervalMs: number;
  maxRequestsPerBatch: number;
  maxBytesPerBatch: number;
}

export interface BatchContext extends AttemptContext {
  client: OpenAI;
  /** Where the batches' state is kept (under the cache directory, shared by runs). */
  stateDir: string;
  settings: BatchSettings;
  signal: AbortSignal;
  log: Logger;
  onProgress?: (text: string) => void;
  /** Waits between polls and before retrying a call; tests move a fake clock instead. @default a real, abortable wait */
  sleep?: Sleep;
  /**
   * Rounds a request whose batch line got a 429/5xx (or expired) is put into a new batch again
   * before it is an error entry. Each costs a whole batch turnaround, hence fewer than online's
   * requestRetries. @default 2
   */
  lineRetries?: number;
}

/**
 * The Batch API bills half the online price (https://platform.openai.com/docs/guides/batch), so
 * answers are priced, and the budget reserved, at 50% of what `ctx.cost` says for online.
 */
export const BATCH_PRICE_FACTOR = 0.5;

const batchPriced = (ctx: AttemptContext): AttemptContext => ({
  ...ctx,
  cost: (i, o) => {
    const usd = ctx.cost(i, o);
    return usd === null ? null : usd * BATCH_PRICE_FACTOR;
  },
});

/**
 * Resolves requests through the Batch API in rounds. Each round takes every unresolved request's
 * next attempt (nextStep: round 1 sends attempt 0; an invalid answer's retry, with the problem,
 * goes in the next round), so the bodies and cache entries are those online mode makes. Each
 * attempt is reserved against the budget before it goes into a batch (the first that does not fit
 * and everything after it are over_budget) and settled when its line comes back. A line that got a
 * 429/5xx goes into the next round, at most `lineRetries` times; any other failed line is a
 * `request_failed` error.
 */
export const resolveInBatches = async (requests: readonly PendingRequest[], ctx: BatchContext): Promise<Map<string, Outcome>> => {
  const priced = batchPriced(ctx);
  const sleep = ctx.sleep ?? abortableSleep;
  const lineRetries = ctx.lineRetries ?? 2;
  const outcomes = new Map<string, Outcome>();
  const failures = new Map<string, number>();
  const state = new BatchStateFile(ctx.stateDir);
  const api = new BatchApi(ctx.client, { sleep, signal: ctx.signal });
  const consumed = new Set<string>();

  for (let round = 1; ; round++) {
    const attempts: BatchAttempt[] = [];
    for (const request of requests) {
      if (outcomes.has(request.key)) continue;
      const step = nextStep(request.messages, ctx.cache.replies(request.key), ctx.schema, ctx.maxAttempts);
      if (step.done) {
        outcomes.set(request.key, outcomeOf(step.check, step.reply ? step.reply.attempt + 1 : 0));
        continue;
      }
      const { inputTokens, worstUsd } = worstCase(priced, step.messages);
      if (!ctx.budget.reserve(worstUsd)) {
        outcomes.set(request.key, { kind: 'over_budget' });
        continue;
      }
      attempts.push({ key: request.key, attempt: step.attempt, body: { ...request.body, messages: step.messages }, inputTokens, reservedUsd: worstUsd });
    }
    if (attempts.length === 0) return outcomes;

    const open = new Map(attempts.map((a) => [customIdOf(a.key, a.attempt), a]));
    const failed = new Map<string, Extract<LineResult, { kind: 'failed' }>>();
    const onResults = (results: Map<string, LineResult>) => {
      for (const [id, result] of results) {
        const mine = open.get(id);
        if (result.kind === 'failed') {
          if (mine && !failed.has(id)) failed.set(id, result);
          continue;
        }
        const line = parseCustomId(id);
        if (line === undefined || ctx.cache.replies(line.key).some((r) => r.attempt === line.attempt)) continue;
        const reply = cachedReply(priced, line.attempt, result.reply, mine?.inputTokens ?? 0, 'batch');
        ctx.cache.record(line.key, reply);
        // A line this round did not ask for (an adopted batch's) was bought all the same: it is spent.
        ctx.budget.settle(mine?.reservedUsd ?? 0, reply.costUsd ?? 0);
        open.delete(id);
        failed.delete(id);
      }
    };
    await runRound(attempts, round, {
      api,
      state,
      cache: ctx.cache,
      clock: ctx.clock,
      log: ctx.log,
      sleep,
      signal: ctx.signal,
      consumed,
      limits: ctx.settings,
      pollIntervalMs: ctx.settings.pollIntervalMs,
      onProgress: ctx.onProgress,
      onResults,
    });

    for (const [id, a] of open) {
      ctx.budget.settle(a.reservedUsd, 0);
      const failure = failed.get(id) ?? { kind: 'failed', retryable: true, message: 'no batch returned a result for this request' };
      const tries = failures.get(a.key) ?? 0;
      if (failure.retryable && tries < lineRetries) {
        failures.set(a.key, tries + 1);
        continue;
      }
      const after = tries > 0 ? ` (after ${tries + 1} batches)` : '';
      outcomes.set(a.key, { kind: 'error', code: 'request_failed', message: `${failure.message}${after}` });
    }
  }
};
