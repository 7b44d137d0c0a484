/**
 * The judge's defaults, as data: the CLI offers them when --judge-model, --rubric and --judge-scale
 * are not given, and the scorer fills in the rest. A model name lives here, never in logic.
 */

/** A cheap model the model table prices, good enough to compare an answer with a reference. */
export const DEFAULT_JUDGE_MODEL = 'gpt-4.1-mini';

/** What a good answer is when the user gives no rubric: agreement with the reference, in substance. */
export const DEFAULT_JUDGE_RUBRIC =
  'The answer is correct and complete when it says what the reference answer says: the same facts and conclusions, ' +
  'in any wording, with nothing that contradicts the reference and nothing false added. Missing or wrong key facts ' +
  'lower the grade; an answer that is wrong, off-topic or empty gets the lowest grade. Length and style do not count.';

export const DEFAULT_JUDGE_SCALE: [number, number] = [1, 5];

/** How each grade is asked for: the annotate stage's defaults, with room for a one-sentence reason. */
export const JUDGE_REQUEST_DEFAULTS = {
  temperature: 0,
  /** Most output tokens per grade: the estimate and the budget count every grade at this size. */
  maxTokens: 256,
  /** Times an answer that is not valid JSON or fails the schema is asked again. */
  retries: 2,
  /** Times a 429, 5xx or dropped request is sent again. */
  requestRetries: 6,
  retryDelayMs: 1000,
} as const;
