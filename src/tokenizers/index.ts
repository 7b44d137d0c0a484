/** Tokenizers behind one counting interface: tiktoken encodings and Hugging Face tokenizers with chat templates. */
export { exampleCounter, type ExampleCounter } from './example-counter.js';
export { TOKENIZERS, TOKENIZER_IDS, isTokenizerId, tokenizerSpec, UnknownTokenizerError, type TokenizerId, type TokenizerSpec } from './tokenizer-specs.js';
export { countExampleTokens, exampleTexts, IMAGE_TOKENS, type ExampleTokens } from './openai-chat-formula.js';
export { countTools } from './openai-tool-formula.js';
export { tiktokenEncoder, tiktokenFor, type TiktokenEncoding, type TokenEncoder } from './tiktoken-encoder.js';
export { CachingEncoder, DEFAULT_CACHE_LIMITS, type CacheLimits } from './token-cache.js';
export { HARMONY_SPECIAL_TOKENS } from './harmony-encoder.js';
export { ChatTemplateError } from './chat-template.js';
