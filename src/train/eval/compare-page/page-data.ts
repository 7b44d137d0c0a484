import type { ChatMessageIn } from '../../../chat/chat-model.js';
import { roleLabel } from '../../../report/eval-scores-table.js';
import { messageText } from '../../../report/read-samples.js';
import type { EvaluationRecord, Prediction, Suite } from '../eval-types.js';
import { formatScore, rangeOfUnit, unitOfScorer } from '../format-score.js';
import type { ScoreUnit } from '../scorer-types.js';

// What the side-by-side page's script shows, built here so the script only lays text out: scores
// are formatted, levels and disagreement decided, and the page embeds this once as JSON.

/** One scorer's score of one answer, ready to show. */
export interface ShownScore {
  scorer: string;
  /** `0.412`, `62.0%`, or `not scored`. */
  text: string;
  /** Where on the scorer's scale it falls, for its colour; none when not scored. */
  level?: 'low' | 'mid' | 'high';
  /** What the scorer read from the reply (letter: the option letter). */
  predicted?: string | null;
  /** Numeric details on one line: `rouge1 0.600 · rouge2 0.250 · rougeL 0.500`. */
  parts?: string;
  /** Text details, one block each: the judge's reason. */
  notes?: [string, string][];
}

export interface ShownAnswer {
  reply: string | null;
  error?: string;
  cached: boolean;
  scores: ShownScore[];
}

export interface ShownExample {
  suite: string;
  id: string;
  line: number;
  /** The conversation the models answered; null when the page was built without the suites' examples. */
  prompt: { role: string; text: string }[] | null;
  references: string[];
  /** One per model, in the models' order; null where that model has no prediction for it. */
  answers: (ShownAnswer | null)[];
  /** The answers differ: replies after trimming, or any scorer's score. */
  disagree: boolean;
}

export interface CompareData {
  models: { name: string; label: string }[];
  suites: string[];
  examples: ShownExample[];
}

/**
 * Whether the models' answers to one example differ: a reply (trimmed; no reply counts as its own
 * value) or any scorer's score. Models without a prediction for it are left out; one answer alone never disagrees.
 */
export const answersDisagree = (answers: readonly (Pick<Prediction, 'reply' | 'scores'> | null | undefined)[]): boolean => {
  const present = answers.filter((a): a is Pick<Prediction, 'reply' | 'scores'> => a !== null && a !== undefined);
  if (present.length < 2) return false;
  const replies = new Set(present.map((a) => (a.reply === null ? null : a.reply.trim())));
  if (replies.size > 1) return true;
  const scorers = new Set(present.flatMap((a) => Object.keys(a.scores)));
  return [...scorers].some((scorer) => new Set(present.map((a) => a.scores[scorer] ?? null)).size > 1);
};

const levelOf = (score: number, [low, high]: [number, number]): 'low' | 'mid' | 'high' => {
  const at = high > low ? (score - low) / (high - low) : 0;
  return at < 1 / 3 ? 'low' : at > 2 / 3 ? 'high' : 'mid';
};

const detailNumber = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(3));

const shownScore = (p: Prediction, scorer: string, unit: ScoreUnit, range: [number, number]): ShownScore => {
  const score = p.scores[scorer] ?? null;
  const details = Object.entries(p.details?.[scorer] ?? {});
  const parts = details.filter(([, v]) => typeof v === 'number').map(([k, v]) => `${k} ${detailNumber(v as number)}`);
  const notes = details.filter((d): d is [string, string] => typeof d[1] === 'string');
  return {
    scorer,
    text: score === null ? 'not scored' : formatScore(score, unit),
    ...(score === null ? {} : { level: levelOf(score, range) }),
    ...(p.predicted && scorer in p.predicted ? { predicted: p.predicted[scorer] ?? null } : {}),
    ...(parts.length > 0 ? { parts: parts.join(' · ') } : {}),
    ...(notes.length > 0 ? { notes } : {}),
  };
};

/**
 * The page's data: one entry per example (suite and id), suites in the record's order and each
 * suite's examples in the predictions' order, with every model's answer in the record's model order.
 */
export const compareData = (record: EvaluationRecord, predictions: readonly Prediction[], suites: readonly Pick<Suite, 'name' | 'examples'>[] = []): CompareData => {
  const models = [...record.models.map((m) => m.model)];
  for (const p of predictions) if (!models.includes(p.model)) models.push(p.model);
  const modelIndex = new Map(models.map((m, i) => [m, i]));
  const units = new Map(record.scores.map((s) => [s.scorer, s.unit]));
  const unit = (scorer: string) => units.get(scorer) ?? unitOfScorer(scorer);
  const suiteScorers = new Map(record.suites.map((s) => [s.name, s.scorers]));
  const prompts = new Map(suites.flatMap((s) => s.examples.map((e) => [`${s.name}\u0000${e.id}`, e] as const)));

  const byExample = new Map<string, Prediction[]>();
  for (const p of predictions) {
    const key = `${p.suite}\u0000${p.id}`;
    const group = byExample.get(key);
    if (group) group.push(p);
    else byExample.set(key, [p]);
  }
  const suiteOrder = [...record.suites.map((s) => s.name)];
  for (const p of predictions) if (!suiteOrder.includes(p.suite)) suiteOrder.push(p.suite);
  const groups = [...byExample.values()].sort((a, b) => suiteOrder.indexOf(a[0]!.suite) - suiteOrder.indexOf(b[0]!.suite));

  const examples = groups.map((group): ShownExample => {
    const first = group[0]!;
    const scorers = suiteScorers.get(first.suite) ?? [...new Set(group.flatMap((p) => Object.keys(p.scores)))];
    const answers: (ShownAnswer | null)[] = models.map(() => null);
    const raw: (Prediction | null)[] = models.map(() => null);
    for (const p of group) {
      const i = modelIndex.get(p.model)!;
      raw[i] = p;
      answers[i] = {
        reply: p.reply,
        ...(p.error !== undefined ? { error: p.error } : {}),
        cached: p.cached,
        scores: scorers.map((s) => shownScore(p, s, unit(s), rangeOfUnit(unit(s), record.judge?.scale))),
      };
    }
    const example = prompts.get(`${first.suite}\u0000${first.id}`);
    return {
      suite: first.suite,
      id: first.id,
      line: first.line,
      prompt: example ? example.prompt.map((m: ChatMessageIn) => ({ role: m.role, text: messageText(m.content) })) : null,
      references: first.references ?? example?.references ?? [first.expected],
      answers,
      disagree: answersDisagree(raw),
    };
  });
  const byModel = new Map(record.models.map((m) => [m.model, m]));
  return {
    models: models.map((name) => ({ name, label: byModel.has(name) ? roleLabel(byModel.get(name)!) : 'model' })),
    suites: suiteOrder.filter((s) => groups.some((g) => g[0]!.suite === s)),
    examples,
  };
};
