/**
 * How OpenAI resolves `n_epochs: 'auto'`, as the cookbook's data-prep notebook approximates it
 * (openai-api.md §2.8; OpenAI does not publish its algorithm): aim for 3 epochs, but train on at
 * least ~100 and at most ~25,000 examples in total, within 1-25 epochs.
 */
export const TARGET_EPOCHS = 3;
export const MIN_TARGET_EXAMPLES = 100;
export const MAX_TARGET_EXAMPLES = 25_000;
export const MIN_DEFAULT_EPOCHS = 1;
export const MAX_DEFAULT_EPOCHS = 25;

/** An explicit number is kept as is; with no examples there is nothing to scale, so 'auto' is the target. */
export const resolveEpochs = (requested: number | 'auto', nExamples: number): number => {
  if (requested !== 'auto') return requested;
  if (nExamples <= 0) return TARGET_EPOCHS;
  if (nExamples * TARGET_EPOCHS < MIN_TARGET_EXAMPLES) return Math.min(MAX_DEFAULT_EPOCHS, Math.floor(MIN_TARGET_EXAMPLES / nExamples));
  if (nExamples * TARGET_EPOCHS > MAX_TARGET_EXAMPLES) return Math.max(MIN_DEFAULT_EPOCHS, Math.floor(MAX_TARGET_EXAMPLES / nExamples));
  return TARGET_EPOCHS;
};
