import type { Scorer } from '../scorer-types.js';

// Placeholder (issue 14): replaced by the real scorer.
export const bleuScorer: Scorer = {
  name: 'bleu',
  version: () => 'bleu:placeholder',
  unit: 'points',
  range: [0, 100],
  interval: 'bootstrap',
  scoreAll: () => Promise.reject(new Error('bleu scorer: not built yet')),
  aggregate: () => Number.NaN,
};
