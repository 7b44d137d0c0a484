import type { Comparison, EvalModel, EvaluationRecord, SuiteScore } from '../train/eval/eval-types.js';
import { formatDifference, formatScore } from '../train/eval/format-score.js';
import { fmt, html, table, type Html } from './html.js';

// The scores of a version 2 eval.json: every suite, scorer and model with its interval, and each
// model against the baseline. The run report and the side-by-side page show the same table.

/** `model`, `baseline` or `checkpoint step 20`. */
export const roleLabel = (m: Pick<EvalModel, 'role' | 'step'>): string => `${m.role}${m.step !== undefined ? ` step ${m.step}` : ''}`;

/** The model's name, tagged with its role unless it is the plain `model`. */
export const modelLabel = (m: Pick<EvalModel, 'model' | 'role' | 'step'> | undefined, name: string): Html =>
  html`<code>${name}</code>${m && m.role !== 'model' ? html` <span class="tag">${roleLabel(m)}</span>` : ''}`;

const versus = (c: Comparison | undefined, s: SuiteScore, isBaseline: boolean): Html | string => {
  if (isBaseline) return 'baseline';
  if (!c) return '—';
  const interval = `${formatDifference(c.interval95.low, s.unit)} to ${formatDifference(c.interval95.high, s.unit)}`;
  return html`${formatDifference(c.difference, s.unit)} <span class="muted">(${interval}, n ${fmt(c.n)})</span> ${
    c.significant ? html`<span class="sig">significant</span>` : html`<span class="muted">not significant, p ${c.pValue.toFixed(2)}</span>`
  }`;
};

/** Suite by suite (the record's order), each suite's scorers in order, each model in the record's order. */
const ordered = (r: EvaluationRecord): SuiteScore[] => {
  const rank = new Map<string, number>();
  r.suites.forEach((suite) => suite.scorers.forEach((scorer) => rank.set(`${suite.name}\u0000${scorer}`, rank.size)));
  const modelRank = new Map(r.models.map((m, i) => [m.model, i]));
  // A score of a suite or scorer the record does not list still shows, after the listed ones.
  const key = (s: SuiteScore) => rank.get(`${s.suite}\u0000${s.scorer}`) ?? rank.size;
  return [...r.scores].sort((a, b) => key(a) - key(b) || (modelRank.get(a.model) ?? r.models.length) - (modelRank.get(b.model) ?? r.models.length));
};

export const evalScoresTable = (r: EvaluationRecord): Html => {
  const baselines = new Set(r.comparisons.map((c) => c.baseline));
  const models = new Map(r.models.map((m) => [m.model, m]));
  return table(
    ['suite', 'scorer', 'model', 'score', '95% interval', 'n', 'vs baseline'],
    ordered(r).map((s) => [
      s.suite,
      s.scorer,
      modelLabel(models.get(s.model), s.model),
      formatScore(s.score, s.unit),
      `${formatScore(s.interval95.low, s.unit)}–${formatScore(s.interval95.high, s.unit)}`,
      html`${fmt(s.n)}${s.unscored > 0 ? html` <span class="muted">(${fmt(s.unscored)} unscored)</span>` : ''}`,
      versus(
        r.comparisons.find((c) => c.suite === s.suite && c.scorer === s.scorer && c.model === s.model),
        s,
        baselines.has(s.model) || models.get(s.model)?.role === 'baseline',
      ),
    ]),
    'numbers eval scores',
  );
};
