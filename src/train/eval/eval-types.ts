import type { ChatMessageIn } from '../../chat/chat-model.js';
import type { InferencePrices } from './inference-prices.js';
import type { ScorerSpend, ScoreUnit } from './scorer-types.js';

/** One example of a suite: what a model is asked and what it should answer. */
export interface EvalExample {
  /** The example's id from meta.jsonl, `validation.jsonl:7` where meta does not name it, or `<file>:<line>` in a suite file. */
  id: string;
  /** 1-based line in its file. */
  line: number;
  prompt: ChatMessageIn[];
  /** One or more references (an OpenAI-evals `ideal` may list several); the first is the one shown. */
  references: string[];
}

/** A set of examples scored together: the run's held-out split, or a `--suite` file. */
export interface Suite {
  /** `validation`, `test`, or the suite file's name without extension (`general-knowledge`). */
  name: string;
  /** `split` for the run's own held-out split; `file` for a --suite file. */
  source: 'split' | 'file';
  /** The file, as given (a split: relative to the run directory). */
  path: string;
  /** sha256 of the file's bytes: binds the scores to exactly this set. */
  sha256: string;
  /** `chat` (chat JSONL) or `openai-evals` (`{"input": ..., "ideal": ...}` lines). */
  format: 'chat' | 'openai-evals';
  examples: EvalExample[];
  /** The scorers this suite is scored with, in the order given. */
  scorers: string[];
}

/** A model as evaluated: what it is called, what was sent, and where it came from. */
export interface EvalModel {
  model: string;
  /** What was sent as `model` (an Azure deployment name, when one was given). */
  requestedAs: string;
  /** `model` (--model), `baseline` (--baseline), or `checkpoint` (a checkpoint of the run's job). */
  role: 'model' | 'baseline' | 'checkpoint';
  /** A checkpoint's training step. */
  step?: number;
}

/** One model's answer to one example of one suite: a line of predictions.jsonl. */
export interface Prediction {
  suite: string;
  model: string;
  id: string;
  line: number;
  /** The first reference (what the single-reference scorers compare with). */
  expected: string;
  /** Every reference, when there is more than one. */
  references?: string[];
  /** The model's reply as it came; null when every request for it failed. */
  reply: string | null;
  /** What each scorer read from the reply, where it reads something other than the reply (letter: the option letter). */
  predicted?: Record<string, string | null>;
  /** Each scorer's score of this answer (null: not scored, e.g. the judge over budget or no reply). */
  scores: Record<string, number | null>;
  /** Per scorer, what else it said: ROUGE-1/2/L, the judge's reason. */
  details?: Record<string, Record<string, number | string>>;
  promptTokens: number;
  completionTokens: number;
  /** From the answer cache: no request was made for it now. */
  cached: boolean;
  /** USD: what the answer cost when it was bought (now, or earlier if cached); null without a price. */
  costUsd: number | null;
  /** Why it has no answer, when every request for it failed. */
  error?: string;
}

export interface Interval {
  low: number;
  high: number;
}

/** One scorer's score of one model on one suite. */
export interface SuiteScore {
  suite: string;
  scorer: string;
  model: string;
  /** On the scorer's scale (see `unit`). */
  score: number;
  interval95: Interval;
  /** `wilson` or `bootstrap` (percentile, `resamples` draws, seeded: the same answers give the same interval). */
  method: 'wilson' | 'bootstrap';
  unit: ScoreUnit;
  /** Examples scored. */
  n: number;
  /** Examples not scored: no answer, or the judge did not grade it. */
  unscored: number;
  /** Proportions only: how many were right. */
  correct?: number;
  /** Named parts (BLEU: precisions, bp, ratio, sys_len, ref_len; ROUGE: rouge1, rouge2, rougeL). */
  components?: Record<string, number>;
}

/** A model against the baseline on one suite and scorer, over the examples both have scores for. */
export interface Comparison {
  suite: string;
  scorer: string;
  model: string;
  baseline: string;
  /** model minus baseline, on the scorer's scale. */
  difference: number;
  /** Paired bootstrap over the shared examples. */
  interval95: Interval;
  /** Two-sided: the share of resamples where the difference has the other sign, doubled (at most 1). */
  pValue: number;
  /** The 95% interval of the difference leaves out 0. */
  significant: boolean;
  n: number;
}

/** What one model's answers cost: every scored answer, what was spent now, and what came from the cache. */
export interface ModelSpend {
  model: string;
  requestedAs: string;
  prices: InferencePrices;
  /** Requests made now (failed ones too). */
  requests: number;
  answers: number;
  /** Answers with no reply after every pass. */
  errors: number;
  promptTokens: number;
  completionTokens: number;
  /** What every answer cost when it was bought (now or earlier); null when any has no price. */
  costUsd: number | null;
  now: { answers: number; promptTokens: number; completionTokens: number; costUsd: number | null };
  cached: { answers: number; promptTokens: number; completionTokens: number; costUsd: number | null };
}

export const EVAL_RECORD_VERSION = 2;

/** eval.json (version 2): one evaluation, bound to the build it scored. */
export interface EvaluationRecord {
  version: typeof EVAL_RECORD_VERSION;
  evaluatedAt: string;
  /** The run evaluated: its id and its dataset hash (manifest.dataset.hash; null for a run made before versions). */
  runId: string;
  datasetHash: string | null;
  /** The held-out split scored (`validation` or `test`). */
  split: string;
  models: EvalModel[];
  /**
   * Each suite without its examples: name, source, path, sha256, format, examples (count), scorers,
   * and the most tokens an answer could have (16 where only the option letter is read, else 1,024):
   * it decides how much of an answer is scored.
   */
  suites: (Omit<Suite, 'examples'> & { examples: number; answerTokens: number })[];
  /** Each scorer used and its version string (for BLEU the sacreBLEU-style signature). */
  scorers: { name: string; version: string }[];
  /** The judge's settings, when the judge scored: model, rubric, scale. */
  judge?: { model: string; rubric: string; scale: [number, number] };
  scores: SuiteScore[];
  comparisons: Comparison[];
  spend: ModelSpend[];
  /** What scorers that call a model spent (the judge). */
  scorerSpend: ScorerSpend[];
  /** This evaluation's directory, relative to the run directory: `evals/<stamp>-<models>`. */
  dir: string;
  /** Its predictions.jsonl, relative to the run directory. */
  predictions: string;
  /** Its side-by-side page, when --html asked for one, relative to the run directory. */
  html?: string;
}
