import { isRecord } from '../pipeline/item.js';
import type { EvaluationRecord } from '../train/eval/eval-types.js';
import { unitOfScorer } from '../train/eval/format-score.js';
import type { ScoreUnit } from '../train/eval/scorer-types.js';
import { readRunJson } from './read-run-json.js';

// eval.json has two shapes: version 2 (src/train/eval/eval-types.ts: suites, scorers, comparisons)
// and the one runs evaluated before it kept (no `version`: one split, one scorer, accuracy per model).
// Old runs stay readable, so both are read here, for `tuneset runs` and the run report alike.

/** One model's result in a version 1 eval.json. */
export interface EvalResultV1 {
  model: string;
  n: number;
  correct: number;
  errors: number;
  accuracy: number;
  interval95: { low: number; high: number };
  promptTokens: number;
  completionTokens: number;
  costUsd: number | null;
}

/** eval.json as written before version 2: accuracy on the held-out split, by `letter` (or `exact`). */
export interface EvalRecordV1 {
  evaluatedAt: string;
  split?: string;
  scorer?: string;
  examples?: number;
  dir?: string;
  predictions?: string;
  results: EvalResultV1[];
}

export type EvalJson = { version: 1; record: EvalRecordV1 } | { version: 2; record: EvaluationRecord };

/** Which of the two shapes a parsed eval.json is; undefined when it is neither. */
const evalJsonOf = (value: unknown): EvalJson | undefined => {
  if (!isRecord(value)) return undefined;
  if (value['version'] === 2 && Array.isArray(value['models']) && Array.isArray(value['suites']) && Array.isArray(value['scores'])) {
    return { version: 2, record: value as unknown as EvaluationRecord };
  }
  if (value['version'] === undefined && typeof value['evaluatedAt'] === 'string' && Array.isArray(value['results'])) {
    return { version: 1, record: value as unknown as EvalRecordV1 };
  }
  return undefined;
};

/** `<run-dir>/eval.json` (or an evaluation's own), or undefined when there is none or its shape is unknown. */
export const readEvalJson = (path: string): EvalJson | undefined => evalJsonOf(readRunJson(path));

/** The score a run is summed up by: each model's on the held-out split by its first scorer. */
export interface HeadlineScores {
  evaluatedAt: string;
  /** The suite scored: the held-out split (`validation`, `test`). */
  suite: string;
  scorer: string;
  unit: ScoreUnit;
  /** Per model, in the evaluation's order (v1: accuracy). */
  scores: Record<string, number>;
}

/**
 * The held-out split's first scorer, for every model that has a score there. A version 1 record
 * is accuracy: its scorer (`letter` when it names none) as a proportion.
 */
export const headlineScores = (e: EvalJson): HeadlineScores => {
  if (e.version === 1) {
    const scores = new Map<string, number>();
    for (const r of e.record.results) if (isRecord(r) && typeof r.model === 'string' && typeof r.accuracy === 'number') scores.set(r.model, r.accuracy);
    return { evaluatedAt: e.record.evaluatedAt, suite: e.record.split ?? 'validation', scorer: e.record.scorer ?? 'letter', unit: 'proportion', scores: Object.fromEntries(scores) };
  }
  const r = e.record;
  // The run's own split is the headline; a record without one falls back to its first suite.
  const suite = r.suites.find((s) => s.source === 'split' && s.name === r.split) ?? r.suites.find((s) => s.source === 'split') ?? r.suites[0];
  const scorer = suite?.scorers[0] ?? r.scorers[0]?.name ?? 'letter';
  const mine = r.scores.filter((s) => s.suite === suite?.name && s.scorer === scorer);
  const scores = new Map<string, number>();
  for (const m of r.models) {
    const score = mine.find((s) => s.model === m.model);
    if (score) scores.set(m.model, score.score);
  }
  return { evaluatedAt: r.evaluatedAt, suite: suite?.name ?? r.split, scorer, unit: mine[0]?.unit ?? unitOfScorer(scorer), scores: Object.fromEntries(scores) };
};
