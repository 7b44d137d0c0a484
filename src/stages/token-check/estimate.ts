import type { ModelInfo } from '../../providers/openai/model-table.js';
import { resolveEpochs } from './epochs.js';
import { TokenTally } from './token-tally.js';

export interface TrainingEstimate {
  epochs: { requested: number | 'auto'; resolved: number };
  /** Σ over training examples of min(limit, tokens) × epochs; validation tokens are free. */
  billedTokens: number;
  /** null when the model has no per-token training price (o4-mini RFT is billed per hour). */
  estimatedCostUsd: number | null;
}

/**
 * What training on these examples would bill (openai-api.md §3.8). The cap is the model's own
 * limit, where OpenAI truncates, not a stricter `maxTokens` the pipeline may check against.
 * The cost is rounded to a millionth of a dollar (billed × price is the cost in millionths) so
 * reports do not show float noise such as 0.8999999999999999.
 */
export const estimateTraining = (
  model: Pick<ModelInfo, 'tokenLimit' | 'trainingPricePerMTokens'>,
  trainCounts: readonly number[] | TokenTally,
  epochsRequested: number | 'auto',
): TrainingEstimate => {
  const tally = trainCounts instanceof TokenTally ? trainCounts : TokenTally.of(trainCounts);
  const resolved = resolveEpochs(epochsRequested, tally.examples);
  const capped = tally.sum((t) => Math.min(model.tokenLimit, t));
  const billedTokens = capped * resolved;
  const price = model.trainingPricePerMTokens;
  return {
    epochs: { requested: epochsRequested, resolved },
    billedTokens,
    estimatedCostUsd: price === null ? null : Math.round(billedTokens * price) / 1e6,
  };
};
