import type { ChatMessageIn } from '../../chat/chat-model.js';

/** One answered example as a scorer reads it. */
export interface ScoringItem {
  /** Which suite and model it belongs to, and its id: for the judge's cache and for error messages. */
  suite: string;
  model: string;
  id: string;
  /** The messages the model answered (the judge reads them). */
  prompt: readonly ChatMessageIn[];
  /** One or more references: multi-reference BLEU and ROUGE use all of them, the others the first that matches. */
  references: readonly string[];
  /** The model's reply as it came. */
  reply: string;
}

/** One example's score. */
export interface ExampleScore {
  /**
   * Per-example statistics whose element-wise sums give the corpus score through `aggregate`
   * (BLEU: lengths and n-gram matches; the mean-type scorers: `[score]`). The bootstrap resamples
   * examples and sums these, so a corpus metric's interval costs no re-scoring.
   * Empty when the example could not be scored (`score` null).
   */
  stats: number[];
  /** The example's own score on the scorer's scale (sentence BLEU, ROUGE-L F1, 1 or 0, the judge's grade); null when it could not be scored. */
  score: number | null;
  /** What the scorer read from the reply (the option letter, the trimmed text), where that is not the reply itself. */
  predicted?: string | null;
  /** What else is worth showing beside the answer: ROUGE-1/2/L, the judge's reason, why it is unscored. */
  detail?: Record<string, number | string>;
}

/** What a scorer that calls a model (the judge) spent; the others spend nothing. */
export interface ScorerSpend {
  /** The judge model. */
  model: string;
  requests: number;
  /** Answers taken from the annotation cache: no request now. */
  cached: number;
  promptTokens: number;
  completionTokens: number;
  /** USD spent now; null without a price for the judge model. */
  costUsd: number | null;
  /** USD the cached answers cost when they were bought; null when unknown. */
  cachedCostUsd: number | null;
  /** The price basis (`base gpt-4o-mini-2024-07-18`) or why there is none. */
  basis: string;
}

/** How a scorer's numbers read, in tables and on the side-by-side page. */
export type ScoreUnit =
  /** 0..1, shown as a percent: letter, exact. */
  | 'proportion'
  /** 0..100, shown with two decimals: BLEU, as sacreBLEU prints it. */
  | 'points'
  /** 0..1, shown with three decimals: ROUGE F1. */
  | 'f1'
  /** The judge's grade on its scale, e.g. 1..5, shown with two decimals. */
  | 'grade';

export interface ScoringContext {
  /** Where a scorer that calls a model keeps its cache (the judge: `<run-dir>/judge-cache/`). */
  cacheDir: string;
  env: NodeJS.ProcessEnv;
  now: () => Date;
  signal?: AbortSignal;
  /** Progress and warnings, one line each (stderr). */
  log: (line: string) => void;
}

export interface Scorer {
  /** `letter`, `exact`, `rouge`, `bleu`, `judge`. */
  readonly name: string;
  /**
   * Recorded in eval.json: changes whenever the scorer's numbers could, so two evaluations can be
   * compared only when this agrees. BLEU uses sacreBLEU's signature form
   * (`nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.4.3`), the judge names its model, rubric hash and scale.
   */
  version(references: number): string;
  readonly unit: ScoreUnit;
  /** The scale's ends, for the side-by-side page's colours and the judge's grade: [0, 1], [0, 100], [1, 5]. */
  readonly range: readonly [number, number];
  /** Proportions (0/1 per example) take a Wilson interval; everything else a percentile bootstrap. */
  readonly interval: 'wilson' | 'bootstrap';
  /** Scores every item, in order. Only the judge is really asynchronous (it asks a model). */
  scoreAll(items: readonly ScoringItem[], ctx: ScoringContext): Promise<{ scores: ExampleScore[]; spend?: ScorerSpend }>;
  /** The corpus score from the element-wise sums of some examples' stats, and how many examples they are. */
  aggregate(totals: readonly number[], n: number): number;
  /** Named parts of the corpus score worth keeping (BLEU: precisions, bp, ratio, sys_len, ref_len; ROUGE: rouge1, rouge2, rougeL). */
  components?(totals: readonly number[], n: number): Record<string, number>;
}
