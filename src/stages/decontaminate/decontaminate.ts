import { z } from 'zod';
import { dropReasons } from '../../pipeline/drop-codes.js';
import type { Item } from '../../pipeline/item.js';
import { defineStage, type Stage } from '../../pipeline/stage.js';
import { buildEvalIndex } from './eval-index.js';
import { findContamination } from './match.js';

export const DecontaminateOptions = z
  .strictObject({
    against: z
      .union([z.string().min(1), z.array(z.string().min(1)).min(1)])
      .transform((a) => (typeof a === 'string' ? [a] : a))
      .describe('Eval/test files: OpenAI evals JSONL, chat JSONL or AR-LSAT JSON (paths or URLs, gzip or not).'),
    fields: z.array(z.string().min(1)).min(1).describe("The item's own text, compared by share: e.g. question and options."),
    context: z
      .array(z.string().min(1))
      .default([])
      .describe('Text the item shares with siblings (an AR-LSAT passage): counts only together with `fields`.'),
    n: z.number().int().min(3).max(50).default(13).describe('Words per n-gram; 13 as in the GPT-3 paper.'),
    threshold: z.number().gt(0).max(1).default(0.8).describe('Share of the `fields` features that must be found in one eval item.'),
    contextThreshold: z
      .number()
      .gt(0)
      .max(1)
      .default(0.5)
      .describe('Share of the `context` features found in one eval item that, with any `fields` match, is contamination.'),
  })
  .refine((o) => !o.context.some((f) => o.fields.includes(f)), { message: 'a field cannot be in both fields and context', path: ['context'] });

export const DECONTAMINATE_DROP_CODES = {
  contaminated: 'the item overlaps an evaluation item; detail: `{ evalId, overlap }` (and `contextOverlap` when `context` is set)',
} as const;

const reason = dropReasons(DECONTAMINATE_DROP_CODES);

const decontaminateStage = defineStage('decontaminate', DecontaminateOptions, (opts) => ({
  async *run(input: AsyncIterable<Item<Record<string, unknown>>>, ctx) {
    // Built before the first item is pulled, once per run; a broken eval file stops the run here.
    const index = await buildEvalIndex(opts.against, { n: opts.n, signal: ctx.signal });
    let contaminated = 0;
    for await (const item of input) {
      const hit = findContamination(item.data, index, opts);
      if (hit) {
        contaminated++;
        ctx.drop(item, reason('contaminated', { ...hit }));
        continue;
      }
      yield item;
    }
    ctx.report({ evalItems: index.ids.length, evalFeatures: index.features, contaminated, against: index.inputs.map((i) => ({ ...i })) });
  },
}));

/**
 * Drops training items that overlap an evaluation set even when reformatted (chat-wrapped, options
 * relettered and reordered, case, punctuation and line wrapping changed): word n-gram overlap after
 * normalisation, texts shorter than n words matched whole. Drop code `contaminated`, detail
 * `{ evalId, overlap }` (and `contextOverlap` when `context` is set).
 */
export const decontaminate = <T extends object = Record<string, unknown>>(options: z.input<typeof DecontaminateOptions>): Stage<T, T> =>
  decontaminateStage(options) as unknown as Stage<T, T>;
