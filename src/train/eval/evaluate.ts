import pLimit from 'p-limit';
import { AnswerCache, type Purchase } from './answer-cache.js';
import type { ChatModel } from '../../chat/chat-model.js';
import type { EvalExample } from './eval-examples.js';
import { roundUsd, tokenCost, type InferencePrices } from './inference-prices.js';
import type { Scorer } from './scorers.js';
import { wilsonInterval } from './wilson.js';

/** One example's answer from one model: a line of predictions.jsonl. */
export interface Prediction {
  model: string;
  id: string;
  line: number;
  expected: string;
  /** The answer the reply gives, as the scorer reads it (the letter); null when it gives none. */
  predicted: string | null;
  /** The model's reply as it came; null when every request for it failed. */
  reply: string | null;
  /** null when every request for it failed. */
  correct: boolean | null;
  promptTokens: number;
  completionTokens: number;
  /** From the answer cache: no request was made for it now. */
  cached: boolean;
  /** USD: what the answer cost when it was bought (now, or earlier if cached); null without a price. */
  costUsd: number | null;
  /** Why it has no answer, when every request for it failed. */
  error?: string;
}

export interface ModelResult {
  model: string;
  /** What was sent as `model` (an Azure deployment name, when one was given). */
  requestedAs: string;
  n: number;
  correct: number;
  errors: number;
  accuracy: number;
  interval95: { low: number; high: number };
  /** The prices answers bought now are charged at. */
  prices: InferencePrices;
  /** Every scored answer's tokens, cached or not. */
  promptTokens: number;
  completionTokens: number;
  /** What every scored answer cost when it was bought (now or earlier); null when any has no price. */
  costUsd: number | null;
  /** What this evaluation spent: the requests it made (failed ones too) and the answers they bought. */
  now: { requests: number; answers: number; promptTokens: number; completionTokens: number; costUsd: number | null };
  /** The answers that came from the cache, at what they cost when they were bought. */
  cached: { answers: number; promptTokens: number; completionTokens: number; costUsd: number | null };
}

export interface Evaluation {
  result: ModelResult;
  /** One per example, in the split file's order. */
  predictions: Prediction[];
}

export interface EvaluateOptions {
  chat: ChatModel;
  scorer: Scorer;
  cache: AnswerCache;
  concurrency: number;
  /** What an answer bought now costs; recorded with it in the cache. */
  prices: InferencePrices;
  /** When answers are bought (ISO), for the cache. */
  now?: string;
  /** Share of examples that may fail (after the SDK's retries) before the evaluation is abandoned. @default 0.1 */
  maxErrorShare?: number;
  /** Passes over the examples that failed, after the SDK's own retries gave up on them. @default 3 */
  passes?: number;
  onAnswer?: () => void;
}

const sum = (xs: readonly number[]) => xs.reduce((a, x) => a + x, 0);

/** Runs every example through one model with bounded concurrency, scoring and caching each answer. */
export const evaluateModel = async (label: string, requestedAs: string, examples: readonly EvalExample[], o: EvaluateOptions): Promise<Evaluation> => {
  const limit = pLimit(o.concurrency);
  const answers = new Map<EvalExample, { purchase: Purchase; cached: boolean }>();
  const lastError = new Map<EvalExample, unknown>();
  let requests = 0;
  let firstError: unknown;
  const budget = Math.max(1, examples.length * (o.maxErrorShare ?? 0.1));
  // Examples whose request failed are tried again in a later pass, so a burst of faults that
  // outlasts the SDK's retries costs time, not results.
  let pending: readonly EvalExample[] = examples;
  for (let pass = 0; pass < (o.passes ?? 3) && pending.length > 0; pass++) {
    const failed: EvalExample[] = [];
    // Past the budget, queued examples return at once instead of being cleared from the queue:
    // p-limit's clearQueue() drops them unsettled, and Promise.all over them would never settle.
    let abandoned = false;
    await Promise.all(
      pending.map((ex) =>
        limit(async () => {
          if (abandoned) return;
          const key = AnswerCache.key(requestedAs, ex.prompt);
          const known = o.cache.get(key);
          if (known) answers.set(ex, { purchase: known, cached: true });
          else {
            requests++;
            let answer;
            try {
              answer = await o.chat.complete(requestedAs, ex.prompt);
            } catch (error) {
              failed.push(ex);
              lastError.set(ex, error);
              firstError ??= error;
              if (failed.length > budget) abandoned = true;
              return;
            }
            lastError.delete(ex);
            // Priced and stored as bought, so a later re-run can say what it cost.
            const purchase: Purchase = {
              answer,
              costUsd: tokenCost(o.prices, answer.promptTokens, answer.completionTokens),
              prices: { input: o.prices.input, output: o.prices.output, basis: o.prices.basis },
              ...(o.now === undefined ? {} : { boughtAt: o.now }),
            };
            o.cache.set(key, purchase);
            answers.set(ex, { purchase, cached: false });
          }
          o.onAnswer?.();
        }),
      ),
    );
    if (abandoned) {
      const reason = firstError instanceof Error ? firstError.message : String(firstError);
      throw new Error(
        `${failed.length} of ${examples.length} examples failed against ${requestedAs} (more than the ${Math.floor(budget)} allowed), so the evaluation stopped; the first error: ${reason}`,
        { cause: firstError },
      );
    }
    pending = failed;
  }

  const predictions = examples.map((ex): Prediction => {
    const got = answers.get(ex);
    const base = { model: label, id: ex.id, line: ex.line, expected: ex.expected };
    if (!got) {
      const error = lastError.get(ex);
      return { ...base, predicted: null, reply: null, correct: null, promptTokens: 0, completionTokens: 0, cached: false, costUsd: null, error: error instanceof Error ? error.message : String(error) };
    }
    const { answer, costUsd } = got.purchase;
    return {
      ...base,
      predicted: o.scorer.predict(answer.content),
      reply: answer.content,
      correct: o.scorer.score(answer.content, ex.expected) === 1,
      promptTokens: answer.promptTokens,
      completionTokens: answer.completionTokens,
      cached: got.cached,
      costUsd,
    };
  });
  return { result: summarize(label, requestedAs, predictions, requests, o.prices), predictions };
};

/** Spend of a set of answers; the cost is unknown (null) when any answer's is. */
const spend = (ps: readonly Prediction[]) => {
  const costs = ps.map((p) => p.costUsd);
  return {
    answers: ps.length,
    promptTokens: sum(ps.map((p) => p.promptTokens)),
    completionTokens: sum(ps.map((p) => p.completionTokens)),
    costUsd: costs.includes(null) ? null : roundUsd(sum(costs as number[])),
  };
};

const summarize = (model: string, requestedAs: string, predictions: readonly Prediction[], requests: number, prices: InferencePrices): ModelResult => {
  const scored = predictions.filter((p) => p.correct !== null);
  const n = scored.length;
  const correct = scored.filter((p) => p.correct).length;
  const now = spend(scored.filter((p) => !p.cached));
  const cached = spend(scored.filter((p) => p.cached));
  const all = spend(scored);
  return {
    model,
    requestedAs,
    n,
    correct,
    errors: predictions.length - n,
    accuracy: n === 0 ? 0 : correct / n,
    interval95: wilsonInterval(correct, n),
    prices,
    promptTokens: all.promptTokens,
    completionTokens: all.completionTokens,
    costUsd: all.costUsd,
    now: { requests, ...now },
    cached,
  };
};
