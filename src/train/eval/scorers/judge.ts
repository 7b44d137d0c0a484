import { UsageError } from '../../../pipeline/errors.js';
import { sha256 } from '../../../pipeline/hash.js';
import { redactSecrets, secretsFromEnv } from '../../../providers/openai/redact.js';
import type { ExampleScore, Scorer, ScoringContext, ScoringItem } from '../scorer-types.js';
import { askJudge, judgeCosting, judgeRequests, type JudgeAskSettings } from './judge-ask.js';
import { JUDGE_REQUEST_DEFAULTS } from './judge-defaults.js';
import { gradeSchema, judgeMessages, JUDGE_PROMPT_VERSION, type Grade } from './judge-prompt.js';

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
  /** USD per 1M tokens for a judge the model table does not price (a local server's is 0 and 0). */
  price?: { inputPerMTokens: number; outputPerMTokens: number };
  /** Most output tokens per grade (default JUDGE_REQUEST_DEFAULTS.maxTokens); the budget counts each grade at this size. */
  maxTokens?: number;
  /** Times an unusable answer (not JSON, off the schema) is asked again. */
  retries?: number;
  /** Times a 429, 5xx or dropped request is sent again. */
  requestRetries?: number;
  /** First wait after a 5xx without Retry-After, doubling. */
  retryDelayMs?: number;
}

const checkSettings = (s: JudgeSettings): void => {
  const [lo, hi] = s.scale;
  if (!Number.isInteger(lo) || !Number.isInteger(hi) || lo >= hi) throw new UsageError(`--judge-scale expects two whole numbers LO-HI with LO < HI, got ${lo}-${hi}`);
  if (s.rubric.trim() === '') throw new UsageError('the judge needs a rubric: --rubric TEXT or --rubric-file FILE');
  if (s.model.trim() === '') throw new UsageError('the judge needs a model: --judge-model');
  if (!Number.isInteger(s.concurrency) || s.concurrency < 1) throw new UsageError(`--concurrency expects a whole number of at least 1, got ${s.concurrency}`);
  if (s.maxCostUsd !== undefined && !(s.maxCostUsd > 0)) throw new UsageError(`--judge-max-cost expects USD above 0, got ${s.maxCostUsd}`);
};

/**
 * The LLM judge: each answer graded against the rubric and the reference(s), with a one-sentence
 * reason, through the annotate stage's cache, budget and online runner. The same question to the
 * same judge is asked once (identical items share a request) and a re-run is answered by the cache.
 * An answer the judge could not grade is unscored, with the annotate stage's code.
 */
export const judgeScorer = (settings: JudgeSettings): Scorer => {
  checkSettings(settings);
  const scale: [number, number] = [settings.scale[0], settings.scale[1]];
  const ask: JudgeAskSettings = { ...JUDGE_REQUEST_DEFAULTS, ...settings };
  const schema = gradeSchema(scale);
  const version = `judge:${settings.model}|rubric:${sha256(settings.rubric).slice(0, 12)}|scale:${scale[0]}-${scale[1]}|prompt:${JUDGE_PROMPT_VERSION}`;

  const scoreAll = async (items: readonly ScoringItem[], ctx: ScoringContext) => {
    const costing = judgeCosting(ask);
    const built = judgeRequests(ask, schema, items.map((item) => judgeMessages(settings.rubric, scale, item)), ctx.env);
    const { outcomes, spend, budgetNote } = await askJudge(ask, schema, built, items.length, costing, ctx);
    const secrets = secretsFromEnv(ctx.env);
    const scores = built.keys.map((key): ExampleScore => {
      const outcome = outcomes.get(key);
      if (outcome === undefined || outcome.kind === 'over_budget') return { score: null, stats: [], detail: { unscored: 'over_budget', message: budgetNote } };
      if (outcome.kind === 'error') return { score: null, stats: [], detail: { unscored: outcome.code, message: redactSecrets(outcome.message, secrets) } };
      const grade = outcome.value as Grade;
      return { score: grade.score, stats: [grade.score], detail: { reason: grade.reason } };
    });
    return { scores, spend };
  };

  return {
    name: 'judge',
    version: () => version,
    unit: 'grade',
    range: scale,
    interval: 'bootstrap',
    scoreAll: (items, ctx) => scoreAll(items, ctx).catch((error: unknown) => Promise.reject(redacted(error, ctx.env))),
    aggregate: (totals, n) => (n === 0 ? Number.NaN : totals[0]! / n),
  };
};

/** Whatever went wrong, the message that leaves never carries an API key. */
const redacted = (error: unknown, env: NodeJS.ProcessEnv): unknown => {
  if (error instanceof Error) {
    const secrets = secretsFromEnv(env);
    error.message = redactSecrets(error.message, secrets);
    if (error.stack !== undefined) error.stack = redactSecrets(error.stack, secrets);
  }
  return error;
};
