import type { Scorer } from '../scorer-types.js';

/** How the judge grades: its model, the rubric, the scale, and what it may spend. */
export interface JudgeSettings {
  /** The judge model (OpenAI chat completions, reached as the annotate stage reaches its model: OPENAI_BASE_URL, OPENAI_API_KEY). */
  model: string;
  /** What a good answer is, in words. */
  rubric: string;
  /** [lowest, highest] grade. */
  scale: [number, number];
  /** USD the judge may spend in this evaluation; past it, answers stay ungraded (score null). */
  maxCostUsd?: number;
  /** Requests in flight. */
  concurrency: number;
}

// Placeholder (issue 14): replaced by the real judge scorer.
export const judgeScorer = (settings: JudgeSettings): Scorer => ({
  name: 'judge',
  version: () => `judge:placeholder:${settings.model}`,
  unit: 'grade',
  range: settings.scale,
  interval: 'bootstrap',
  scoreAll: () => Promise.reject(new Error('judge scorer: not built yet')),
  aggregate: () => Number.NaN,
});
