import { lookupModel, tableOf, type TargetProvider } from '../../providers/model-lookup.js';
import { MODEL_TABLE } from '../../providers/openai/model-table.js';

/** What one model's answers are priced at, and why: recorded with the results and with each bought answer. */
export interface InferencePrices {
  /** USD per 1M prompt tokens; null when the model table has no price. */
  input: number | null;
  /** USD per 1M completion tokens; null when the model table has no price. */
  output: number | null;
  /** `fine-tuned gpt-4o-mini-2024-07-18`, `base gpt-4o-mini-2024-07-18`, or why there is no price. */
  basis: string;
  /** The month of the pricing page the table's price was read from; null without a price. */
  asOf: string | null;
}

/**
 * The model table's inference price for a model at the provider that serves it: for OpenAI an
 * `ft:<base>:...` name (a fine-tune or one of its checkpoints) at its base's fine-tuned price, which
 * OpenAI sets higher than the base's own; any other name at the base price. A model the provider's
 * table does not know (another provider's fine-tune name), or a row without a price, has no price
 * (null), not a guess.
 */
export const inferencePrices = (model: string, provider: TargetProvider = 'openai'): InferencePrices => {
  const where = provider === 'openai' ? 'the model table' : `${provider}'s model table`;
  let info;
  try {
    info = lookupModel(provider, model);
  } catch {
    return { input: null, output: null, basis: `${model} is not in ${where}`, asOf: null };
  }
  const fineTuned = model.startsWith('ft:');
  const [input, output] = fineTuned ? [info.fineTunedInputPricePerMTokens, info.fineTunedOutputPricePerMTokens] : [info.baseInputPricePerMTokens, info.baseOutputPricePerMTokens];
  if (input === null || output === null) return { input: null, output: null, basis: `${where} has no inference price for ${info.name}`, asOf: null };
  // OpenAI's table dates each kind of price; another table is dated as a whole.
  const asOf = provider === 'openai' ? MODEL_TABLE.prices[fineTuned ? 'fineTunedInference' : 'baseInference'].asOf : tableOf(provider).asOf;
  return { input, output, basis: `${fineTuned ? 'fine-tuned' : 'base'} ${info.name}`, asOf };
};

/** USD for one request's tokens at per-1M prices, to a tenth of a micro-dollar; null without both prices. */
export const tokenCost = (prices: Pick<InferencePrices, 'input' | 'output'>, promptTokens: number, completionTokens: number): number | null =>
  prices.input === null || prices.output === null ? null : roundUsd((promptTokens * prices.input + completionTokens * prices.output) / 1e6);

/** Sums of float dollars drift in the last digits; costs are kept to 1e-10 USD. */
export const roundUsd = (usd: number): number => Math.round(usd * 1e10) / 1e10;
