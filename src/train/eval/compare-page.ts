import type { EvaluationRecord, Prediction } from './eval-types.js';

/**
 * Placeholder (issue 14): the side-by-side page of one evaluation: per example, the prompt, the
 * reference, each model's answer and each score, filterable to the examples where the models
 * disagree. Self-contained HTML (a CSP of default-src 'none'). Returns the page.
 */
export const comparePageHtml = (_record: EvaluationRecord, _predictions: readonly Prediction[]): string => {
  throw new Error('comparePageHtml: not built yet');
};
