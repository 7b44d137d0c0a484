import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { ModelInfo } from '../../providers/model-rows.js';
import type { Json } from '../../pipeline/item.js';
import { estimateTraining } from './estimate.js';
import { summarizeTokens, type TokenStats } from './stats.js';
import { TokenTally } from './token-tally.js';

export type SplitTokens = {
  examples: number;
  /** Examples over the checked limit (only non-zero with `overLimit: 'flag'`). */
  overLimit: number;
  tokens: TokenStats;
};

export interface TokenReportInput {
  model: ModelInfo;
  /** The limit examples were checked against (the model's, or the stage's `maxTokens`). */
  limit: number;
  overLimit: 'drop' | 'flag';
  epochsRequested: number | 'auto';
  /** Token counts per split name: every count, or their tally. */
  splits: ReadonlyMap<string, readonly number[] | TokenTally>;
}

const SPLIT_ORDER = ['train', 'validation', 'test'];
const bySplitOrder = (a: string, b: string) => {
  const ia = SPLIT_ORDER.indexOf(a);
  const ib = SPLIT_ORDER.indexOf(b);
  return (ia < 0 ? SPLIT_ORDER.length : ia) - (ib < 0 ? SPLIT_ORDER.length : ib) || a.localeCompare(b);
};

/**
 * The token-check report section (manifest `reports['token-check']`). Pure, so `tuneset validate
 * file.jsonl --model M` can build the same section from one file's counts.
 */
export const buildTokenReport = (input: TokenReportInput) => {
  const { model, limit } = input;
  const splits: Record<string, SplitTokens> = {};
  for (const name of [...input.splits.keys()].sort(bySplitOrder)) {
    const given = input.splits.get(name)!;
    const counts = given instanceof TokenTally ? given : TokenTally.of(given);
    splits[name] = { examples: counts.examples, overLimit: counts.sum((c) => (c > limit ? 1 : 0)), tokens: summarizeTokens(counts) };
  }
  const estimate = estimateTraining(model, input.splits.get('train') ?? [], input.epochsRequested);
  return {
    model: model.name,
    /** The src/tokenizers id every count of the run was made with: the exports trust counts made with their base model's. */
    tokenizer: model.tokenizer,
    tokenLimit: limit,
    modelTokenLimit: model.tokenLimit,
    overLimit: input.overLimit,
    epochs: estimate.epochs,
    trainingPricePerMTokens: model.trainingPricePerMTokens,
    shutdownDate: model.shutdownDate,
    newJobsEndDate: model.newJobsEndDate,
    splits,
    billedTokens: estimate.billedTokens,
    estimatedCostUsd: estimate.estimatedCostUsd,
  } satisfies Record<string, Json>;
};

export type TokenReport = ReturnType<typeof buildTokenReport>;

/**
 * Token counts per split from the run's meta.jsonl (`{id, split, group, source, meta}` per line;
 * still the `.partial` file while the after-write checks run), read line by line into a tally per
 * split, so memory holds one entry per distinct count, not one per line. Lines without a numeric `meta.tokens` (a record that did not pass through
 * token-check) are counted under `uncounted`.
 */
export const readSplitTokens = async (metaPath: string): Promise<{ splits: Map<string, TokenTally>; uncounted: number }> => {
  const splits = new Map<string, TokenTally>();
  let uncounted = 0;
  const lines = createInterface({ input: createReadStream(metaPath, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    const record = JSON.parse(line) as { split?: unknown; meta?: { tokens?: unknown } };
    const split = typeof record.split === 'string' ? record.split : 'train';
    let counts = splits.get(split);
    if (!counts) splits.set(split, (counts = new TokenTally()));
    if (typeof record.meta?.tokens === 'number') counts.add(record.meta.tokens);
    else uncounted++;
  }
  return { splits, uncounted };
};
