import pLimit from 'p-limit';
import type { ChatMessageIn, ChatModel } from '../../chat/chat-model.js';
import { AnswerCache, type Purchase } from './answer-cache.js';
import type { EvalModel, ModelSpend } from './eval-types.js';
import { roundUsd, tokenCost, type InferencePrices } from './inference-prices.js';

/** One model's answer to one example, as bought now or taken from the cache. */
export interface Answer {
  /** The reply as it came; null when every request for it failed. */
  reply: string | null;
  promptTokens: number;
  completionTokens: number;
  /** From the answer cache: no request was made for it now. */
  cached: boolean;
  /** USD: what the answer cost when it was bought (now, or earlier if cached); null without a price. */
  costUsd: number | null;
  /** Why it has no reply, when every request for it failed. */
  error?: string;
}

/**
 * The most tokens an answer may have. An option letter needs few: what every evaluation asked for
 * before free-text suites, so their cached answers (keyed without a cap) still answer.
 */
export const LETTER_ANSWER_TOKENS = 16;
/** Free text (rouge, bleu, exact, the judge) needs room for the whole answer; only the tokens used are paid for. */
export const FREE_TEXT_ANSWER_TOKENS = 1024;

/** A suite scored only by its letters is answered in a few tokens; any other scorer reads the whole answer. */
export const answerTokens = (scorers: readonly string[]): number => (scorers.every((s) => s === 'letter') ? LETTER_ANSWER_TOKENS : FREE_TEXT_ANSWER_TOKENS);

/** What is asked: the prompt, and how long the answer may be (default LETTER_ANSWER_TOKENS). */
export interface Question {
  prompt: readonly ChatMessageIn[];
  maxTokens?: number;
}

export interface AnswerOptions {
  chat: ChatModel;
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
}

export interface Answered {
  /** One per example, in the order given. */
  answers: Answer[];
  spend: ModelSpend;
}

const sum = (xs: readonly number[]) => xs.reduce((a, x) => a + x, 0);

/**
 * Asks one model every example (of every suite: the caller passes them all at once, so the error
 * budget and the spend are the model's whole evaluation), with bounded concurrency. Answers are
 * cached per (what was sent as `model`, prompt, cap), so a re-run asks only for what the cache does
 * not have, and an answer cut short at a letter's cap is never served as a free-text answer.
 */
export const answerExamples = async (
  model: Pick<EvalModel, 'model' | 'requestedAs'>,
  examples: readonly Question[],
  o: AnswerOptions,
): Promise<Answered> => {
  const { requestedAs } = model;
  const limit = pLimit(o.concurrency);
  const got = new Map<number, { purchase: Purchase; cached: boolean }>();
  const lastError = new Map<number, unknown>();
  let requests = 0;
  let firstError: unknown;
  const budget = Math.max(1, examples.length * (o.maxErrorShare ?? 0.1));
  // Examples whose request failed are tried again in a later pass, so a burst of faults that
  // outlasts the SDK's retries costs time, not results.
  let pending: readonly number[] = examples.map((_, i) => i);
  for (let pass = 0; pass < (o.passes ?? 3) && pending.length > 0; pass++) {
    const failed: number[] = [];
    // Past the budget, queued examples return at once instead of being cleared from the queue:
    // p-limit's clearQueue() drops them unsettled, and Promise.all over them would never settle.
    let abandoned = false;
    await Promise.all(
      pending.map((i) =>
        limit(async () => {
          if (abandoned) return;
          const { prompt, maxTokens = LETTER_ANSWER_TOKENS } = examples[i]!;
          const key = maxTokens === LETTER_ANSWER_TOKENS ? AnswerCache.key(requestedAs, prompt) : AnswerCache.key(requestedAs, prompt, maxTokens);
          const known = o.cache.get(key);
          if (known) return void got.set(i, { purchase: known, cached: true });
          requests++;
          let answer;
          try {
            answer = await o.chat.complete(requestedAs, prompt, { maxTokens });
          } catch (error) {
            failed.push(i);
            lastError.set(i, error);
            firstError ??= error;
            if (failed.length > budget) abandoned = true;
            return;
          }
          lastError.delete(i);
          // Priced and stored as bought, so a later re-run can say what it cost.
          const purchase: Purchase = {
            answer,
            costUsd: tokenCost(o.prices, answer.promptTokens, answer.completionTokens),
            prices: { input: o.prices.input, output: o.prices.output, basis: o.prices.basis },
            ...(o.now === undefined ? {} : { boughtAt: o.now }),
          };
          o.cache.set(key, purchase);
          got.set(i, { purchase, cached: false });
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

  const answers = examples.map((_, i): Answer => {
    const answered = got.get(i);
    if (!answered) {
      const error = lastError.get(i);
      return { reply: null, promptTokens: 0, completionTokens: 0, cached: false, costUsd: null, error: error instanceof Error ? error.message : String(error) };
    }
    const { answer, costUsd } = answered.purchase;
    return { reply: answer.content, promptTokens: answer.promptTokens, completionTokens: answer.completionTokens, cached: answered.cached, costUsd };
  });
  return { answers, spend: modelSpend(model, o.prices, answers, requests) };
};

/** Tokens and cost of some answers; the cost is unknown (null) when any answer's is. */
const spendOf = (as: readonly Answer[]) => {
  const costs = as.map((a) => a.costUsd);
  return {
    answers: as.length,
    promptTokens: sum(as.map((a) => a.promptTokens)),
    completionTokens: sum(as.map((a) => a.completionTokens)),
    costUsd: costs.includes(null) ? null : roundUsd(sum(costs as number[])),
  };
};

/** What a model's answers cost: those with a reply, split into bought now and taken from the cache. */
const modelSpend = (model: Pick<EvalModel, 'model' | 'requestedAs'>, prices: InferencePrices, answers: readonly Answer[], requests: number): ModelSpend => {
  const replied = answers.filter((a) => a.reply !== null);
  const { answers: count, ...all } = spendOf(replied);
  return {
    model: model.model,
    requestedAs: model.requestedAs,
    prices,
    requests,
    answers: count,
    errors: answers.length - count,
    ...all,
    now: spendOf(replied.filter((a) => !a.cached)),
    cached: spendOf(replied.filter((a) => a.cached)),
  };
};
