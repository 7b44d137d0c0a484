import type { Scorer } from '../scorer-types.js';

// Placeholder (issue 14): replaced by the real scorer.
export const letterScorer: Scorer = {
  name: 'letter',
  version: () => 'letter:placeholder',
  unit: 'proportion',
  range: [0, 1],
  interval: 'wilson',
  scoreAll: () => Promise.reject(new Error('letter scorer: not built yet')),
  aggregate: () => Number.NaN,
};
