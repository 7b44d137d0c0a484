import { readFileSync } from 'node:fs';
import pLimit from 'p-limit';
import { AnswerCache } from './answer-cache.js';
import type { ChatMessageIn, ChatModel } from './chat-model.js';
import type { Scorer } from './scorers.js';
import { wilsonInterval } from './wilson.js';

export interface EvalExample {
  line: number;
  prompt: ChatMessageIn[];
  expected: string;
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
  promptTokens: number;
  completionTokens: number;
  cachedAnswers: number;
  costUsd: number | null;
}

/** The held-out examples: every message up to the last assistant turn is the prompt; that turn is expected. */
export const readEvalExamples = (path: string): EvalExample[] =>
  readFileSync(path, 'utf8')
    .split('\n')
    .flatMap((text, i) => {
      if (!text.trim()) return [];
      const messages = (JSON.parse(text) as { messages: ChatMessageIn[] }).messages;
      const last = messages.findLastIndex((m) => m.role === 'assistant');
      if (last < 0 || typeof messages[last]!.content !== 'string') return [];
      return [{ line: i + 1, prompt: messages.slice(0, last), expected: messages[last]!.content as string }];
    });

export interface EvaluateOptions {
  chat: ChatModel;
  scorer: Scorer;
  cache: AnswerCache;
  concurrency: number;
  /** Prices per 1M tokens for the cost column; null when unknown. */
  prices: { input: number | null; output: number | null };
  /** Share of examples that may fail (after the SDK's retries) before the evaluation is abandoned. @default 0.1 */
  maxErrorShare?: number;
  /** Passes over the examples that failed, after the SDK's own retries gave up on them. @default 3 */
  passes?: number;
  onAnswer?: () => void;
}

/** Runs every example through one model with bounded concurrency, scoring and caching each answer. */
export const evaluateModel = async (label: string, requestedAs: string, examples: readonly EvalExample[], o: EvaluateOptions): Promise<ModelResult> => {
  const limit = pLimit(o.concurrency);
  let correct = 0;
  let promptTokens = 0;
  let completionTokens = 0;
  let cachedAnswers = 0;
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
          let answer = o.cache.get(key);
          if (answer) cachedAnswers++;
          else {
            try {
              answer = await o.chat.complete(requestedAs, ex.prompt);
            } catch (error) {
              failed.push(ex);
              firstError ??= error;
              if (failed.length > budget) abandoned = true;
              return;
            }
            o.cache.set(key, answer);
            promptTokens += answer.promptTokens;
            completionTokens += answer.completionTokens;
          }
          correct += o.scorer(answer.content, ex.expected);
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
  const errors = pending.length;
  const n = examples.length - errors;
  const cost =
    o.prices.input === null || o.prices.output === null ? null : Math.round(promptTokens * o.prices.input + completionTokens * o.prices.output) / 1e6;
  return {
    model: label,
    requestedAs,
    n,
    correct,
    errors,
    accuracy: n === 0 ? 0 : correct / n,
    interval95: wilsonInterval(correct, n),
    promptTokens,
    completionTokens,
    cachedAnswers,
    costUsd: cost,
  };
};
