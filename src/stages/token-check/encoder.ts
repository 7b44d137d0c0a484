// Moved to src/tokenizers; re-exported for the annotate stage's cost estimate, which imports it from here.
export { tiktokenEncoder, tiktokenFor, type TokenEncoder } from '../../tokenizers/tiktoken-encoder.js';
