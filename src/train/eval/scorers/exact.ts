import type { Scorer } from '../scorer-types.js';

// Placeholder (issue 14): replaced by the real scorer.
export const exactScorer: Scorer = {
  name: 'exact',
  version: () => 'exact:placeholder',
  unit: 'proportion',
  range: [0, 1],
  interval: 'wilson',
  scoreAll: () => Promise.reject(new Error('exact scorer: not built yet')),
  aggregate: () => Number.NaN,
};
