// Eval-set decontamination: the stage, and the index builder for callers that read eval files themselves.
export { decontaminate, DecontaminateOptions } from './decontaminate.js';
export { buildEvalIndex, EvalIndex } from './eval-index.js';
export { findContamination, type Contamination, type MatchRule } from './match.js';
