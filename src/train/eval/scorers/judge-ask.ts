import type { z } from 'zod';
import type { ChatRequestBody, ChatTransport, ChatWireMessage } from '../../../chat/chat-transport.js';
import { UsageError } from '../../../pipeline/errors.js';
import { sdkChatTransport } from '../../../providers/openai/chat-transport.js';
import { AnnotationCache } from '../../../stages/annotate/annotation-cache.js';
import { costingFor, encoderFor, requestInputTokens, usd, type ModelCosting } from '../../../stages/annotate/annotation-price.js';
import { buildRequest, responseFormatFor, type RequestTemplate } from '../../../stages/annotate/annotation-request.js';
import { Budget, formatUsd } from '../../../stages/annotate/budget.js';
import { splitByCache } from '../../../stages/annotate/cache-split.js';
import { clientFor, resolveEndpoint } from '../../../stages/annotate/endpoint.js';
import { RequestSignals, resolveOnline, type AttemptContext, type Outcome, type PendingRequest } from '../../../stages/annotate/online-runner.js';
import { RateLimiter } from '../../../stages/annotate/rate-limiter.js';
import type { ScorerSpend, ScoringContext } from '../scorer-types.js';

/** How the judge's requests are made and paid for (JudgeSettings with its defaults filled in). */
export interface JudgeAskSettings {
  model: string;
  maxCostUsd?: number | undefined;
  price?: { inputPerMTokens: number; outputPerMTokens: number } | undefined;
  concurrency: number;
  temperature: number;
  maxTokens: number;
  retries: number;
  requestRetries: number;
  retryDelayMs: number;
}

/** The judge's costing, refusing a budget it cannot keep (no price) before anything is asked. */
export const judgeCosting = (settings: Pick<JudgeAskSettings, 'model' | 'maxCostUsd' | 'price'>): ModelCosting => {
  const costing = costingFor(settings.model, { price: settings.price }, undefined);
  if (settings.maxCostUsd !== undefined && costing.price === null) {
    throw new UsageError(
      `--judge-max-cost needs a price for the judge model "${settings.model}", which the model table does not price: ` +
        'choose a judge model the table prices (tuneset models lists them), or leave out --judge-max-cost',
    );
  }
  return costing;
};

/** The grading requests, one per distinct question: the same messages to the same judge are one request. */
export const judgeRequests = (settings: JudgeAskSettings, schema: z.ZodType, conversations: readonly ChatWireMessage[][], env: NodeJS.ProcessEnv) => {
  const endpoint = resolveEndpoint(undefined, env, 'judge');
  const template: RequestTemplate = {
    family: endpoint.family,
    model: settings.model,
    responseFormat: responseFormatFor(schema, 'judge'),
    sampling: { temperature: settings.temperature, [endpoint.maxTokensField]: settings.maxTokens },
  };
  const requests = new Map<string, PendingRequest>();
  const keys = conversations.map((messages) => {
    const request = buildRequest(template, messages);
    if (!requests.has(request.key)) requests.set(request.key, { key: request.key, body: request.body, messages });
    return request.key;
  });
  return { endpoint, template, requests, keys };
};

export interface JudgeAnswers {
  /** How each distinct request ended; a request the budget stopped is `over_budget`. */
  outcomes: Map<string, Outcome>;
  spend: ScorerSpend;
  /** What was spent of what was allowed, for an over_budget item's detail. */
  budgetNote: string;
}

/**
 * Asks the judge for what its cache does not answer, exactly as the annotate stage asks (its
 * cache, budget, limiter, retries and online runner), after one line saying what that will cost.
 */
export const askJudge = async (
  settings: JudgeAskSettings,
  schema: z.ZodType,
  built: ReturnType<typeof judgeRequests>,
  items: number,
  costing: ModelCosting,
  ctx: ScoringContext,
): Promise<JudgeAnswers> => {
  const { endpoint, template, requests } = built;
  const schemaText = JSON.stringify(template.responseFormat);
  const cache = new AnnotationCache(ctx.cacheDir);
  const enc = encoderFor(costing.encoding);
  const attempt: AttemptContext = {
    cache,
    budget: new Budget(settings.maxCostUsd),
    clock: { now: ctx.now },
    schema,
    maxAttempts: settings.retries + 1,
    inputTokens: (messages) => requestInputTokens(messages, schemaText, enc, costing.encoding),
    outputTokens: (text) => enc.count(text),
    maxOutputTokens: settings.maxTokens,
    cost: (i, o) => usd(costing.price, i, o),
  };

  const { outcomes, pending, estimateInput } = splitByCache(requests.values(), attempt);
  // What the grades the cache answers cost when they were bought (before anything is asked now).
  let cachedCostUsd: number | null = 0;
  for (const key of outcomes.keys()) {
    for (const reply of cache.replies(key)) cachedCostUsd = cachedCostUsd === null || reply.costUsd === null ? null : cachedCostUsd + reply.costUsd;
  }
  const estimateOutput = pending.length * settings.maxTokens;
  const estimateUsd = usd(costing.price, estimateInput, estimateOutput);
  const cached = requests.size - pending.length;
  if (cache.tornLines > 0) ctx.log(`${cache.path}: the last line was cut short by a killed run and was removed; that grade is asked again`);
  ctx.log(
    `judge ${settings.model}: ${items} answers to grade, ${requests.size} distinct, ${cached} graded from the cache, ${pending.length} to ask` +
      (pending.length === 0
        ? ''
        : `: ${estimateInput.toLocaleString('en-US')} input tokens${costing.exactTokens ? '' : ' (approximate: o200k_base)'} + at most ` +
          `${estimateOutput.toLocaleString('en-US')} output tokens, ` +
          (estimateUsd === null ? 'no price known' : `at most ${formatUsd(estimateUsd)} (${costing.price!.basis})`)) +
      (settings.maxCostUsd === undefined ? '' : `; maxCost ${formatUsd(settings.maxCostUsd)}`),
  );
  if (settings.maxCostUsd !== undefined && estimateUsd !== null && estimateUsd > settings.maxCostUsd) {
    ctx.log(`the judge's estimate ${formatUsd(estimateUsd)} is over --judge-max-cost ${formatUsd(settings.maxCostUsd)}: it stops asking before spending could pass it`);
  }

  // Every request sent now, failed and retried ones too.
  let sent = 0;
  if (pending.length > 0) {
    const sdk = sdkChatTransport(clientFor(endpoint));
    const transport: ChatTransport = { send: (body: ChatRequestBody, signal?: AbortSignal) => (sent++, sdk.send(body, signal)) };
    const signal = ctx.signal ?? new AbortController().signal;
    const online = {
      ...attempt,
      transport,
      limiter: new RateLimiter({ concurrency: settings.concurrency }, signal),
      maxRequestRetries: settings.requestRetries,
      retryDelayMs: settings.retryDelayMs,
      signals: new RequestSignals(signal),
    };
    try {
      await Promise.all(pending.map(async (request) => outcomes.set(request.key, await resolveOnline(request, online))));
    } finally {
      cache.close();
    }
  }
  const budget = attempt.budget;
  const budgetNote = `spent ${formatUsd(budget.spentUsd)} of --judge-max-cost ${formatUsd(settings.maxCostUsd ?? 0)}`;
  if (budget.stopped) {
    ctx.log(
      `the judge stopped before --judge-max-cost: ${budgetNote}; the answers not graded are unscored (over_budget). ` +
        'Grades already bought are cached: raise --judge-max-cost and run again to pay only for the rest.',
    );
  }
  const priced = costing.price !== null;
  return {
    outcomes,
    budgetNote,
    spend: {
      model: settings.model,
      requests: sent,
      cached,
      promptTokens: cache.bought.promptTokens,
      completionTokens: cache.bought.completionTokens,
      costUsd: priced ? round(cache.bought.costUsd) : null,
      cachedCostUsd: cachedCostUsd === null ? null : round(cachedCostUsd),
      basis: costing.price?.basis ?? `no price: the model table does not price ${settings.model}`,
    },
  };
};

const round = (v: number) => Math.round(v * 1e10) / 1e10;
