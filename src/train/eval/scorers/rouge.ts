import type { Scorer } from '../scorer-types.js';

// Placeholder (issue 14): replaced by the real scorer.
export const rougeScorer: Scorer = {
  name: 'rouge',
  version: () => 'rouge:placeholder',
  unit: 'f1',
  range: [0, 1],
  interval: 'bootstrap',
  scoreAll: () => Promise.reject(new Error('rouge scorer: not built yet')),
  aggregate: () => Number.NaN,
};
