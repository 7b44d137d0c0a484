import { join } from 'node:path';
import { z } from 'zod';
import type { ChatWireMessage } from '../../chat/chat-transport.js';
import { overridesFor, targetProvider } from '../../providers/model-lookup.js';
import { sdkChatTransport } from '../../providers/openai/chat-transport.js';
import { ConfigError, TunesetError } from '../../pipeline/errors.js';
import type { DropReason, Item, Json } from '../../pipeline/item.js';
import { ProgressMeter } from '../../pipeline/progress-meter.js';
import type { Stage } from '../../pipeline/stage.js';
import { Spool } from '../split/spool.js';
import { AnnotationCache } from './annotation-cache.js';
import { costingFor, encoderFor, requestInputTokens, usd } from './annotation-price.js';
import { buildRequest, responseFormatFor, toMessages, type RequestTemplate } from './annotation-request.js';
import { BATCH_PRICE_FACTOR, resolveInBatches } from './batch-runner.js';
import { Budget, formatUsd } from './budget.js';
import { splitByCache } from './cache-split.js';
import { clientFor, resolveEndpoint } from './endpoint.js';
import { mergeAnnotation, MergeError, type Into } from './merge.js';
import { RequestSignals, resolveOnline, type AttemptContext, type PendingRequest } from './online-runner.js';
import { annotationProgress } from './progress-text.js';
import { RateLimiter } from './rate-limiter.js';
import type { AnnotatorSettings } from './annotator-options.js';

/** A record that could not be annotated: its code goes into the error entry's detail. */
export class AnnotationError extends TunesetError {
  override name = 'AnnotationError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface AnnotatorHooks<T, A, Out> {
  /** Renders one record's request. */
  prompt: (data: T, item: Item<T>) => string | readonly ChatWireMessage[];
  schema: z.ZodType<A>;
  /** What is merged (the judge nests its answer under its name). */
  annotation: (answer: A) => Record<string, unknown>;
  into: Into<T, Record<string, unknown>, Out>;
  keep?: ((annotation: A, data: T, item: Item<T>) => true | DropReason) | undefined;
}

export const ANNOTATE_DROP_CODES = {
  over_budget: 'Not annotated: the next request could have taken spending past maxCost (answers already bought stay cached).',
} as const;

/** Why a record ended as an error entry (within maxErrors): detail.code in rejected.jsonl. */
export const ANNOTATE_ERROR_CODES = {
  invalid_json: 'The answer was still not valid JSON after `retries` more tries.',
  schema_mismatch: "The answer was still valid JSON that does not match the schema after `retries` more tries (detail: the schema's complaint).",
  truncated: 'The answer hit maxTokens and was cut off, on every try.',
  empty_answer: 'The answer was empty, on every try.',
  refused: 'The model refused (its refusal text is the detail); not asked again.',
  request_failed: 'The request got an error that asking again cannot fix (a 400, 401, 404), or still failed after `requestRetries` (429, 5xx, no answer).',
  prompt_failed: 'The prompt function threw for this record.',
  merge_failed: "The annotation could not be merged (a field that would overwrite meta.split, or into: 'data' on data that is not an object).",
} as const;

/**
 * The stage body every LLM annotator shares (annotate, judge). A barrier: it reads its whole input
 * first (bodies to a spool), so it can price every request before the first call, then asks for
 * what the cache does not have, online or in batches, and emits the records in input order.
 */
export const annotatorStage = <T, A, Out>(settings: AnnotatorSettings, hooks: AnnotatorHooks<T, A, Out>): Stage<T, Out> => ({
  name: settings.name,
  kind: 'transform',
  options: settings.json,
  maxErrors: settings.maxErrors,
  async *run(input, ctx) {
    const endpoint = resolveEndpoint(settings.endpoint, process.env, settings.name);
    // The annotator is an OpenAI model: OpenAI's overrides only (flat keys belong to the pipeline's own target).
    const costing = costingFor(settings.model, settings, overridesFor('openai', ctx.pipeline.models, targetProvider(ctx.pipeline)));
    if (settings.maxCost !== undefined && costing.price === null) {
      throw new ConfigError(settings.name, [
        {
          path: 'maxCost',
          message: `needs a price for model "${settings.model}", which the model table does not price; give price: { inputPerMTokens, outputPerMTokens } (0 and 0 for a local server) or add the model to the pipeline's models`,
        },
      ]);
    }
    const schemaFormat = responseFormatFor(hooks.schema, settings.name);
    const schemaText = JSON.stringify(schemaFormat);
    const template: RequestTemplate = {
      family: endpoint.family,
      model: settings.model,
      responseFormat: schemaFormat,
      sampling: {
        temperature: settings.temperature,
        [endpoint.maxTokensField]: settings.maxTokens,
        ...(settings.seed === undefined ? {} : { seed: settings.seed }),
      },
    };

    // Pass 1: every record's request, bodies parked on disk; one request per distinct question.
    const spool = new Spool(join(ctx.tmpDir, `${settings.name}.spool`));
    const order: { at: { offset: number; length: number }; key: string }[] = [];
    const requests = new Map<string, PendingRequest>();
    try {
      for await (const item of input) {
        let messages: ChatWireMessage[];
        try {
          messages = toMessages(hooks.prompt(item.data, item), settings.system);
        } catch (error) {
          ctx.error(item, new AnnotationError('prompt_failed', `the prompt function threw: ${(error as Error).message ?? String(error)}`));
          continue;
        }
        const request = buildRequest(template, messages);
        if (!requests.has(request.key)) requests.set(request.key, { key: request.key, body: request.body, messages });
        order.push({ at: spool.append(JSON.stringify(item)), key: request.key });
      }

      const cache = new AnnotationCache(join(ctx.cacheDir, 'annotations'));
      const enc = encoderFor(costing.encoding);
      const attempt: AttemptContext = {
        cache,
        budget: new Budget(settings.maxCost),
        clock: ctx.clock,
        schema: hooks.schema,
        maxAttempts: settings.retries + 1,
        inputTokens: (messages) => requestInputTokens(messages, schemaText, enc, costing.encoding),
        outputTokens: (text) => enc.count(text),
        maxOutputTokens: settings.maxTokens,
        cost: (i, o) => usd(costing.price, i, o),
      };

      // What the cache already answers costs nothing; the rest is priced before the first call.
      const { outcomes, pending, estimateInput } = splitByCache(requests.values(), attempt);
      const estimateOutput = pending.length * settings.maxTokens;
      // The Batch API bills half; the estimate says what this mode will cost.
      const fullPrice = usd(costing.price, estimateInput, estimateOutput);
      const estimateUsd = fullPrice === null ? null : settings.mode === 'batch' ? fullPrice * BATCH_PRICE_FACTOR : fullPrice;
      const cached = requests.size - pending.length;
      const unanswered = cache.unanswered();
      if (cache.tornLines > 0) ctx.log.warn(`${cache.path}: the last line was cut short by a killed run and was removed; that answer is asked again`);
      ctx.log.info(
        `${settings.model}: ${order.length} records, ${requests.size} distinct requests, ${cached} answered from the cache, ${pending.length} to ask` +
          (pending.length === 0
            ? ''
            : `: ${estimateInput.toLocaleString('en-US')} input tokens${costing.exactTokens ? '' : ' (approximate: o200k_base)'} + at most ` +
              `${estimateOutput.toLocaleString('en-US')} output tokens, ` +
              (estimateUsd === null ? 'no price known' : `at most ${formatUsd(estimateUsd)} (${costing.price!.basis}${settings.mode === 'batch' ? ', at the Batch API\'s half price' : ''})`)) +
          (settings.maxCost === undefined ? '' : `; maxCost ${formatUsd(settings.maxCost)}`),
      );
      if (unanswered > 0) {
        const then = settings.mode === 'batch' ? 'their batches are looked up again before anything is sent' : 'those not answered since are asked again';
        ctx.log.info(`${unanswered} requests were sent by an earlier run that stopped before their answers came; ${then}`);
      }
      if (settings.maxCost !== undefined && estimateUsd !== null && estimateUsd > settings.maxCost) {
        ctx.log.warn(`the estimate ${formatUsd(estimateUsd)} is over maxCost ${formatUsd(settings.maxCost)}: the stage stops sending before spending could pass it`);
      }

      let answered = 0;
      let retriedRequests = 0;
      // Off a terminal the CLI writes this status as a plain line every few seconds (src/cli/progress.ts).
      const meter = new ProgressMeter(ctx.clock);
      const status = () => {
        const progress = meter.update(answered, pending.length);
        ctx.status?.(annotationProgress({ progress, spentUsd: cache.bought.costUsd, priced: costing.price !== null }));
      };
      if (pending.length > 0) {
        status();
        if (settings.mode === 'batch') {
          const found = await resolveInBatches(pending, {
            ...attempt,
            client: clientFor(endpoint),
            stateDir: join(ctx.cacheDir, 'annotations'),
            settings: settings.batch,
            signal: ctx.signal,
            log: ctx.log,
            onProgress: (text) => ctx.status?.(text),
          });
          for (const [key, outcome] of found) outcomes.set(key, outcome);
        } else {
          const online = {
            ...attempt,
            transport: sdkChatTransport(clientFor(endpoint)),
            limiter: new RateLimiter({ concurrency: settings.concurrency, requestsPerMinute: settings.requestsPerMinute, tokensPerMinute: settings.tokensPerMinute }, ctx.signal),
            maxRequestRetries: settings.requestRetries,
            retryDelayMs: settings.retryDelayMs,
            signals: new RequestSignals(ctx.signal),
            onReply: status,
            onRetry: () => void retriedRequests++,
          };
          await Promise.all(
            pending.map(async (request) => {
              const outcome = await resolveOnline(request, online);
              outcomes.set(request.key, outcome);
              answered++;
              status();
            }),
          );
        }
      }
      cache.close();
      const budget = attempt.budget;
      if (budget.stopped) {
        ctx.log.error(
          `stopped before maxCost: spent ${formatUsd(budget.spentUsd)} of maxCost ${formatUsd(settings.maxCost!)} (estimate for the whole stage ${estimateUsd === null ? 'unknown' : formatUsd(estimateUsd)}); ` +
            'the records not annotated are dropped as over_budget. Answers already bought are cached: raise maxCost and run again to pay only for the rest.',
        );
      }

      // Pass 2: the records in input order, each with its outcome.
      const counts = { answered: 0, errors: {} as Record<string, number>, overBudget: 0, kept: 0 };
      for (const { at, key } of order) {
        const item = JSON.parse(spool.read(at)) as Item<T>;
        const outcome = outcomes.get(key);
        if (outcome === undefined || outcome.kind === 'over_budget') {
          counts.overBudget++;
          ctx.drop(item, { code: 'over_budget', detail: `spent ${formatUsd(budget.spentUsd)} of maxCost ${formatUsd(settings.maxCost ?? 0)}` });
          continue;
        }
        if (outcome.kind === 'error') {
          counts.errors[outcome.code] = (counts.errors[outcome.code] ?? 0) + 1;
          ctx.error(item, new AnnotationError(outcome.code, outcome.message));
          continue;
        }
        counts.answered++;
        const answer = outcome.value as A;
        const verdict = hooks.keep?.(answer, item.data, item) ?? true;
        let merged: Item<Out>;
        try {
          merged = mergeAnnotation(item, hooks.annotation(answer), hooks.into);
        } catch (error) {
          if (!(error instanceof MergeError)) throw error;
          ctx.error(item, new AnnotationError('merge_failed', error.message));
          continue;
        }
        if (verdict !== true) {
          ctx.drop(merged as Item<unknown>, verdict);
          continue;
        }
        counts.kept++;
        yield merged;
      }
      ctx.report({
        model: settings.model,
        mode: settings.mode,
        endpoint: endpoint.family,
        records: order.length,
        requests: { distinct: requests.size, fromCache: cached, asked: pending.length, answersBought: cache.bought.replies, retriedAfterError: retriedRequests },
        answered: counts.answered,
        errors: counts.errors,
        overBudget: counts.overBudget,
        usage: { promptTokens: cache.bought.promptTokens, completionTokens: cache.bought.completionTokens },
        // Actual cost of what this run bought; answers from the cache count as zero.
        costUsd: round(cache.bought.costUsd),
        price: costing.price === null ? null : { inputPerMTokens: costing.price.inputPerMTokens, outputPerMTokens: costing.price.outputPerMTokens, basis: costing.price.basis },
        estimate: { inputTokens: estimateInput, maxOutputTokens: estimateOutput, costUsd: estimateUsd === null ? null : round(estimateUsd), exactTokens: costing.exactTokens },
        maxCostUsd: settings.maxCost ?? null,
        budgetStopped: budget.stopped,
      } satisfies Record<string, Json>);
    } finally {
      spool.dispose();
    }
  },
});

const round = (v: number) => Math.round(v * 1e8) / 1e8;
