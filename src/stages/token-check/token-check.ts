import { countExamples } from './count-examples-task.js';
import { join } from 'node:path';
import { z } from 'zod';
import { lookupTarget } from '../../providers/model-lookup.js';
import { modelStatus, type ModelInfo } from '../../providers/model-rows.js';
import type { DropReason, Item } from '../../pipeline/item.js';
import { defineStage } from '../../pipeline/stage.js';
import type { TrainingExample } from '../format/chat-example.js';
import type { HeldPlace } from '../../pipeline/held-lines.js';
import { batchedAhead } from '../../pipeline/workers/batched-ahead.js';
import type { ExampleTokens } from '../../tokenizers/index.js';
import { tokenizerVersion } from '../../tokenizers/tokenizer-version.js';
import { CountCache } from './count-cache.js';
import { buildTokenReport, readSplitTokens } from './report.js';
import { tokenCheckReason } from './drop-codes.js';
import { isDrop } from './measure-example.js';

/** A record's count: from the cache, or counted now (`fresh`, to be put in the cache). */
interface Counted {
  key: string;
  measured: ExampleTokens | DropReason;
  fresh: boolean;
}

export const TokenCheckOptions = z.strictObject({
  overLimit: z.enum(['drop', 'flag']).default('drop').describe('An example over the limit is dropped (`over_token_limit`), or kept with `meta.overTokenLimit`.'),
  maxTokens: z
    .int()
    .positive()
    .optional()
    .meta({ description: "Check against this limit instead of the model's own.", whenAbsent: "the model's training-example limit (model table)" }),
});

export { TOKEN_CHECK_DROP_CODES } from './drop-codes.js';

/** Examples per message to the pool: enough that a message's cost is small beside the counting. */
const BATCH = 64;

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
      // Looked up on this thread as a batch fills; only the misses go to the pool (count-examples-task.ts).
      const countBatch = async (items: Item<TrainingExample>[]): Promise<Counted[]> => {
        const found = items.map((item) => {
          const key = CountCache.key(item.data);
          return { key, cached: cache.get(key) };
        });
        const missing = items.filter((_, i) => found[i]!.cached === undefined).map((item) => item.data);
        const counted = missing.length > 0 ? await ctx.workers.run(countExamples, { tokenizer: model.tokenizer, examples: missing }) : [];
        let next = 0;
        return found.map(({ key, cached }) => (cached ? { key, measured: cached, fresh: false } : { key, measured: counted[next++]!, fresh: true }));
      };
      // Each record's place in rejected.jsonl is held as it is read, and entered while it is decided.
      const places: HeldPlace[] = [];
      async function* read() {
        for await (const item of input) {
          places.push(ctx.holdPlace());
          yield item;
        }
      }
      try {
        for await (const [item, { key, measured, fresh }] of batchedAhead(read(), { batch: BATCH, inFlight: 2 * ctx.workers.size + 1 }, countBatch)) {
          const place = places.shift()!;
          place.enter();
          try {
            // Put in input order, so the cache file is the same for any number of workers.
            if (fresh && !isDrop(measured)) cache.put(key, measured);
            if (isDrop(measured)) {
              ctx.drop(item, measured);
              continue;
            }
            const over = measured.total > limit;
            if (over && options.overLimit === 'drop') {
              ctx.drop(item, tokenCheckReason('over_token_limit', { tokens: measured.total, limit }));
              continue;
            }
            yield {
              ...item,
              meta: { ...item.meta, tokens: measured.total, assistantTokens: measured.assistant, ...(over ? { overTokenLimit: true } : {}) },
            };
          } finally {
            place.release();
          }
        }
      } finally {
        // Records read but never decided (the run stopped): what waits behind them is still written.
        for (const place of places.splice(0)) place.release();
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
