/** The token-check stage and the pure pieces `tuneset validate` reuses on a single file. */
export { tokenCheck, measureExample } from './token-check.js';
export { countExampleTokens, exampleTexts, IMAGE_TOKENS, type ExampleTokens } from './chat-tokens.js';
export { countTools } from './tool-tokens.js';
export { tiktokenEncoder, type TokenEncoder } from './encoder.js';
export { CachingEncoder, DEFAULT_CACHE_LIMITS, type CacheLimits } from './token-cache.js';
export { checkRuns, measureRuns, LONG_RUN_BYTES, MAX_RUN_BYTES, type RunMeasure, type RunVerdict } from './unbroken-runs.js';
export { resolveEpochs } from './epochs.js';
export { summarizeTokens, percentile, type TokenStats } from './stats.js';
export { estimateTraining, type TrainingEstimate } from './estimate.js';
export { buildTokenReport, readSplitTokens, type SplitTokens, type TokenReport, type TokenReportInput } from './report.js';
