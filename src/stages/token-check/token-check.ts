import { join } from 'node:path';
import { z } from 'zod';
import { lookupTarget } from '../../providers/model-lookup.js';
import { modelStatus, type ModelInfo } from '../../providers/model-rows.js';
import { dropReasons } from '../../pipeline/drop-codes.js';
import type { DropReason, Item } from '../../pipeline/item.js';
import { defineStage } from '../../pipeline/stage.js';
import type { TrainingExample } from '../format/chat-example.js';
import { ChatTemplateError, exampleCounter, type ExampleCounter, type ExampleTokens } from '../../tokenizers/index.js';
import { tokenizerVersion } from '../../tokenizers/tokenizer-version.js';
import { CountCache } from './count-cache.js';
import { buildTokenReport, readSplitTokens } from './report.js';
import { checkRuns, type RunVerdict } from './unbroken-runs.js';

export const TokenCheckOptions = z.strictObject({
  overLimit: z.enum(['drop', 'flag']).default('drop').describe('An example over the limit is dropped (`over_token_limit`), or kept with `meta.overTokenLimit`.'),
  maxTokens: z
    .int()
    .positive()
    .optional()
    .meta({ description: "Check against this limit instead of the model's own.", whenAbsent: "the model's training-example limit (model table)" }),
});

export const TOKEN_CHECK_DROP_CODES = {
  over_token_limit: "more tokens than the limit (with `overLimit: 'drop'`); detail: the tokens and the limit",
  unbroken_run_too_long: 'long unbroken runs that would stall the tokenizer (never encoded); detail: the longest run and its single-run equivalent',
  chat_template_error:
    "the target model's chat template refuses the example, as the trainer's would (Llama 3: one tool call per message); detail: the template's message",
} as const satisfies Record<RunVerdict['code'] | 'over_token_limit' | 'chat_template_error', string>;

const reason = dropReasons(TOKEN_CHECK_DROP_CODES);

/**
 * Counts a record after checking it cannot stall the tokenizer: the strings it would encode are
 * inspected first, and a record with a pathological unbroken run is dropped without being encoded.
 */
export const measureExample = (example: TrainingExample, counter: Pick<ExampleCounter, 'texts' | 'countExample'>): ExampleTokens | DropReason => {
  const hostile = checkRuns(counter.texts(example));
  if (hostile) return hostile;
  try {
    return counter.countExample(example);
  } catch (error) {
    if (error instanceof ChatTemplateError) return reason('chat_template_error', { message: error.message });
    throw error;
  }
};

const isDrop = (v: ExampleTokens | DropReason): v is DropReason => 'code' in v;

/**
 * Counts every example's tokens with the target model's own tokenizer (OpenAI's chat formula for
 * OpenAI models, the chat template and tokenizer.json for open models; src/tokenizers), enforces the per-example limit,
 * and after the files are written reports tokens per split and the training cost. It runs before
 * split, so the per-split numbers come from meta.jsonl in `afterWrite`.
 */
export const tokenCheck = defineStage<typeof TokenCheckOptions, TrainingExample, TrainingExample>('token-check', TokenCheckOptions, (options) => {
  const limitOf = (model: ModelInfo) => options.maxTokens ?? model.tokenLimit;
  return {
    async *run(input: AsyncIterable<Item<TrainingExample>>, ctx) {
      const model = lookupTarget(ctx.pipeline);
      const status = modelStatus(model, ctx.clock.now());
      if (status.state !== 'available') {
        ctx.log.warn(`${model.name} ${status.state === 'shut-down' ? 'has shut down' : `shuts down in ${status.daysLeft} days`}`, {
          shutdownDate: model.shutdownDate,
        });
      }
      const limit = limitOf(model);
      // Examples counted by an earlier run with the same tokenizer version are not counted again.
      const cache = new CountCache(join(ctx.cacheDir, 'token-counts'), model.tokenizer, tokenizerVersion(model.tokenizer));
      // One counter per run, made on the first example not in the cache (loading a tokenizer takes a while):
      // it caches repeated strings (system prompt, roles, short answers).
      let counter: ExampleCounter | undefined;
      try {
        for await (const item of input) {
          const key = CountCache.key(item.data);
          let measured: ExampleTokens | DropReason | undefined = cache.get(key);
          if (measured === undefined) {
            measured = measureExample(item.data, (counter ??= exampleCounter(model.tokenizer)));
            if (!isDrop(measured)) cache.put(key, measured);
          }
          if (isDrop(measured)) {
            ctx.drop(item, measured);
            continue;
          }
          const over = measured.total > limit;
          if (over && options.overLimit === 'drop') {
            ctx.drop(item, reason('over_token_limit', { tokens: measured.total, limit }));
            continue;
          }
          yield {
            ...item,
            meta: { ...item.meta, tokens: measured.total, assistantTokens: measured.assistant, ...(over ? { overTokenLimit: true } : {}) },
          };
        }
      } finally {
        cache.close();
      }
    },

    async afterWrite(files, ctx) {
      const model = lookupTarget(ctx.pipeline);
      const { splits, uncounted } = await readSplitTokens(files.meta);
      if (uncounted > 0) ctx.log.warn(`${uncounted} records in meta.jsonl have no token count; they are left out of the totals`);
      const report = buildTokenReport({
        model,
        limit: limitOf(model),
        overLimit: options.overLimit,
        epochsRequested: ctx.pipeline.train.epochs,
        splits,
      });
      return uncounted > 0 ? { ...report, uncounted } : report;
    },
  };
});
