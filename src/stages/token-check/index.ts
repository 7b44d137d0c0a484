/** The token-check stage and the pure pieces `tuneset validate` reuses on a single file. Counting itself is in src/tokenizers. */
export { tokenCheck } from './token-check.js';
export { measureExample } from './measure-example.js';
export { countExampleTokens, exampleTexts, IMAGE_TOKENS, type ExampleTokens } from '../../tokenizers/openai-chat-formula.js';
export { countTools } from '../../tokenizers/openai-tool-formula.js';
export { tiktokenEncoder, type TokenEncoder } from '../../tokenizers/tiktoken-encoder.js';
export { CachingEncoder, DEFAULT_CACHE_LIMITS, type CacheLimits } from '../../tokenizers/token-cache.js';
export { exampleCounter, TOKENIZER_IDS, type ExampleCounter } from '../../tokenizers/index.js';
export { checkRuns, measureRuns, LONG_RUN_BYTES, MAX_RUN_BYTES, type RunMeasure, type RunVerdict } from './unbroken-runs.js';
export { resolveEpochs } from './epochs.js';
export { summarizeTokens, percentile, type TokenStats } from './stats.js';
export { estimateTraining, type TrainingEstimate } from './estimate.js';
export { buildTokenReport, readSplitTokens, type SplitTokens, type TokenReport, type TokenReportInput } from './report.js';
