import { answerExamples, answerTokens, type Answer, type AnswerOptions } from './answer-examples.js';
import { EVAL_RECORD_VERSION, type Comparison, type EvalModel, type EvaluationRecord, type ModelSpend, type Prediction, type Suite, type SuiteScore } from './eval-types.js';
import type { InferencePrices } from './inference-prices.js';
import type { ExampleScore, Scorer, ScorerSpend, ScoringContext, ScoringItem } from './scorer-types.js';
import { scorerFor } from './scorers/index.js';
import type { JudgeSettings } from './scorers/judge.js';
import { compareScores, suiteScore } from './statistics.js';

/** What to evaluate: the suites, the models, and the build they belong to. */
export interface EvaluationPlan {
  runId: string;
  datasetHash: string | null;
  split: string;
  suites: readonly Suite[];
  /** In table order; the one with role `baseline`, if any, is what the others are compared with. */
  models: readonly EvalModel[];
  /** Needed when a suite is scored by the judge. */
  judge?: JudgeSettings;
  /** ISO time of the evaluation; answers bought now are stamped with it. */
  evaluatedAt: string;
}

/** How answers are asked for (chat, answer cache, concurrency, error budget) and scored. */
export interface EvaluationTools extends Omit<AnswerOptions, 'prices' | 'now'> {
  /** The price of a model's answers bought now. */
  pricesFor: (model: string) => InferencePrices;
  /** For the scorers that call a model (the judge): its cache directory, environment, log. */
  scoring: ScoringContext;
}

export type EvaluationResult = Omit<EvaluationRecord, 'dir' | 'predictions' | 'html'>;

/** No reply, nothing to score: the scorers never see it, and the statistics count it as unscored. */
const UNSCORED: ExampleScore = { stats: [], score: null };

/** Every scorer the suites name, in the order they first appear. */
const scorerNames = (suites: readonly Suite[]): string[] => [...new Set(suites.flatMap((s) => s.scorers))];

const duplicates = (names: readonly string[]) => [...new Set(names.filter((n, i) => names.indexOf(n) !== i))];

/**
 * Answers every suite with every model, scores the answers with each suite's scorers, and puts the
 * numbers together: per (suite, scorer, model) the score with its 95% interval, and per non-baseline
 * model the paired difference from the baseline. Each scorer scores all its items in one call, so
 * the judge batches every suite and model together.
 */
export const runEvaluation = async (plan: EvaluationPlan, tools: EvaluationTools): Promise<{ record: EvaluationResult; predictions: Prediction[] }> => {
  // Scores and predictions are keyed by these names: two alike would mix their numbers.
  const sameSuites = duplicates(plan.suites.map((s) => s.name));
  if (sameSuites.length > 0) throw new Error(`two suites are called "${sameSuites[0]}" (${plan.suites.filter((s) => s.name === sameSuites[0]).map((s) => s.path).join(', ')}); rename one of the files`);
  const sameModels = duplicates(plan.models.map((m) => m.model));
  if (sameModels.length > 0) throw new Error(`${sameModels[0]} is named twice among the models to evaluate`);
  // Before any answer is bought: a scorer that cannot be built (the judge's settings) stops here.
  const names = scorerNames(plan.suites);
  const scorers = new Map(names.map((name) => [name, scorerFor(name, plan.judge)] as const));

  // answers.get(model)[suite index][example index]
  const answers = new Map<string, Answer[][]>();
  const spend: ModelSpend[] = [];
  const { pricesFor, scoring, ...answering } = tools;
  const everyExample = plan.suites.flatMap((s) => s.examples.map((e) => ({ prompt: e.prompt, maxTokens: answerTokens(s.scorers) })));
  for (const model of plan.models) {
    let answered;
    try {
      answered = await answerExamples(model, everyExample, { ...answering, prices: pricesFor(model.model), now: plan.evaluatedAt });
    } catch (error) {
      throw new Error(`evaluating ${model.model}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    let at = 0;
    answers.set(model.model, plan.suites.map((s) => answered.answers.slice(at, (at += s.examples.length))));
    spend.push(answered.spend);
  }

  // scores.get(scorer).get(`${suite}\n${model}`)[example index]
  const scores = new Map<string, Map<string, ExampleScore[]>>();
  const scorerSpend: ScorerSpend[] = [];
  for (const [name, scorer] of scorers) {
    const { byPair, spent } = await scoreEverything(scorer, plan, answers, scoring);
    scores.set(name, byPair);
    if (spent) scorerSpend.push(spent);
  }

  const baseline = plan.models.find((m) => m.role === 'baseline');
  const suiteScores: SuiteScore[] = [];
  const comparisons: Comparison[] = [];
  for (const suite of plan.suites) {
    for (const name of suite.scorers) {
      const scorer = scorers.get(name)!;
      const of = (model: string) => scores.get(name)!.get(pairKey(suite.name, model))!;
      for (const model of plan.models) suiteScores.push(suiteScore(scorer, of(model.model), { suite: suite.name, model: model.model }));
      if (!baseline) continue;
      for (const model of plan.models.filter((m) => m !== baseline)) {
        comparisons.push(compareScores(scorer, of(model.model), of(baseline.model), { suite: suite.name, model: model.model, baseline: baseline.model }));
      }
    }
  }

  const record: EvaluationResult = {
    version: EVAL_RECORD_VERSION,
    evaluatedAt: plan.evaluatedAt,
    runId: plan.runId,
    datasetHash: plan.datasetHash,
    split: plan.split,
    models: [...plan.models],
    suites: plan.suites.map((s) => ({ ...s, examples: s.examples.length, answerTokens: answerTokens(s.scorers) })),
    // A scorer's version may depend on how many references there are (BLEU's nrefs): the most any of its suites has.
    scorers: names.map((name) => ({ name, version: scorers.get(name)!.version(mostReferences(plan.suites.filter((s) => s.scorers.includes(name)))) })),
    ...(plan.judge && scorers.has('judge') ? { judge: { model: plan.judge.model, rubric: plan.judge.rubric, scale: plan.judge.scale } } : {}),
    scores: suiteScores,
    comparisons,
    spend,
    scorerSpend,
  };
  return { record, predictions: predictionLines(plan, answers, scores) };
};

const pairKey = (suite: string, model: string) => `${suite}\n${model}`;

const mostReferences = (suites: readonly Suite[]) => Math.max(1, ...suites.flatMap((s) => s.examples.map((e) => e.references.length)));

/** One scoreAll call over every answered example, of every suite scored by this scorer and every model. */
const scoreEverything = async (scorer: Scorer, plan: EvaluationPlan, answers: ReadonlyMap<string, Answer[][]>, ctx: ScoringContext) => {
  const items: ScoringItem[] = [];
  const slots: { key: string; index: number }[] = [];
  const byPair = new Map<string, ExampleScore[]>();
  plan.suites.forEach((suite, s) => {
    if (!suite.scorers.includes(scorer.name)) return;
    for (const model of plan.models) {
      const key = pairKey(suite.name, model.model);
      byPair.set(key, suite.examples.map(() => UNSCORED));
      suite.examples.forEach((example, index) => {
        const reply = answers.get(model.model)![s]![index]!.reply;
        if (reply === null) return;
        items.push({ suite: suite.name, model: model.model, id: example.id, prompt: example.prompt, references: example.references, reply });
        slots.push({ key, index });
      });
    }
  });
  let result;
  try {
    result = await scorer.scoreAll(items, ctx);
  } catch (error) {
    throw new Error(`scoring with ${scorer.name}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  if (result.scores.length !== items.length) throw new Error(`scoring with ${scorer.name}: ${result.scores.length} scores for ${items.length} answers`);
  result.scores.forEach((score, i) => {
    byPair.get(slots[i]!.key)![slots[i]!.index] = score;
  });
  return { byPair, spent: result.spend };
};

/** predictions.jsonl: per suite, per model, per example in the suite's order. */
const predictionLines = (plan: EvaluationPlan, answers: ReadonlyMap<string, Answer[][]>, scores: ReadonlyMap<string, ReadonlyMap<string, ExampleScore[]>>): Prediction[] =>
  plan.suites.flatMap((suite, s) =>
    plan.models.flatMap((model) =>
      suite.examples.map((example, index): Prediction => {
        const answer = answers.get(model.model)![s]![index]!;
        const given = suite.scorers.map((name) => [name, scores.get(name)!.get(pairKey(suite.name, model.model))![index]!] as const);
        const predicted = given.filter(([, score]) => score.predicted !== undefined).map(([name, score]) => [name, score.predicted ?? null] as const);
        const details = given.filter(([, score]) => score.detail !== undefined).map(([name, score]) => [name, score.detail!] as const);
        const { error, ...usage } = answer;
        return {
          suite: suite.name,
          model: model.model,
          id: example.id,
          line: example.line,
          expected: example.references[0] ?? '',
          ...(example.references.length > 1 ? { references: example.references } : {}),
          reply: answer.reply,
          ...(predicted.length > 0 ? { predicted: Object.fromEntries(predicted) } : {}),
          scores: Object.fromEntries(given.map(([name, score]) => [name, score.score])),
          ...(details.length > 0 ? { details: Object.fromEntries(details) } : {}),
          promptTokens: usage.promptTokens,
          completionTokens: usage.completionTokens,
          cached: usage.cached,
          costUsd: usage.costUsd,
          ...(error === undefined ? {} : { error }),
        };
      }),
    ),
  );
