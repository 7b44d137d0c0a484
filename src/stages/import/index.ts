// The import sources: each reads local files or http(s) URLs, gzip or not, streamed.
export { importArLsat, type ArLsatQuestion } from './ar-lsat.js';
export { importCsv } from './csv.js';
export { importEvals, type EvalMessage, type EvalsData } from './evals.js';
export { importJsonl } from './jsonl.js';
