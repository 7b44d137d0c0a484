// Moved to src/tokenizers; re-exported for the annotate stage's cost estimate, which imports it from here.
export { countExampleTokens, exampleTexts, IMAGE_TOKENS, type ExampleTokens } from '../../tokenizers/openai-chat-formula.js';
