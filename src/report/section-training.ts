import type { EvalJson, EvalRecordV1 } from '../runs/eval-json.js';
import type { EvaluationRecord } from '../train/eval/eval-types.js';
import type { MetricsRow } from '../train/result-metrics.js';
import type { TrainState } from '../train/train-state.js';
import { evalScoresTable } from './eval-scores-table.js';
import { absent, fmt, html, percent, section, table, trusted, usd, type Html } from './html.js';
import { metricsPlotSvg } from './metrics-plot.js';

export interface TrainingInput {
  state: TrainState | undefined;
  metrics: MetricsRow[] | undefined;
  metricsError?: string;
}

/** The job (train-state.json) and its metrics by step (metrics.csv, written by watch), plotted. */
export const trainingSection = (t: TrainingInput): Html => {
  if (!t.state) return section('training', 'Training', absent('Not trained yet: `tuneset train <run-dir>` hands it off, `tuneset watch` follows the job, then `tuneset report <run-dir>` adds it here.'));
  const job = t.state.job;
  const about = table(
    ['', ''],
    [
      ['provider', t.state.provider],
      ['base model', html`<code>${t.state.model}</code>`],
      ['uploads', Object.entries(t.state.files).map(([split, f]) => html`<div>${split}: <code>${f.fileId}</code></div>`)],
      ['job', job ? html`<code>${job.id}</code> (${job.status}${job.attempt > 1 ? `, attempt ${job.attempt}` : ''})` : 'not created'],
      ['fine-tuned model', job?.fineTunedModel ? html`<code>${job.fineTunedModel}</code>` : '—'],
    ],
    'kv',
  );
  const plot = t.metrics
    ? // metricsPlotSvg escapes its own text (the title is the model name from the provider).
      html`<div class="plot">${trusted(metricsPlotSvg(`${job?.fineTunedModel ?? job?.id ?? 'job'}: loss and accuracy by step`, t.metrics))}</div>`
    : absent(t.metricsError ? `metrics.csv could not be read: ${t.metricsError}` : 'No metrics yet: `tuneset watch <run-dir>` writes metrics.csv when the job succeeds.');
  return section('training', 'Training', html`${about}${plot}`);
};

export interface EvaluationInput {
  latest: EvalJson;
  /** Evaluations kept in evals/ (at least 1). */
  count: number;
  /** The side-by-side page as a link from report.html (which is in the run directory), when it was written and is there. */
  comparePage?: string;
}

const v1Body = (r: EvalRecordV1): Html =>
  table(
    ['model', 'accuracy', '95% interval', 'n', 'errors', 'tokens', 'cost'],
    r.results.map((m) => [
      html`<code>${m.model}</code>`,
      percent(m.accuracy),
      `${percent(m.interval95.low)}–${percent(m.interval95.high)}`,
      fmt(m.n),
      fmt(m.errors),
      fmt(m.promptTokens + m.completionTokens),
      usd(m.costUsd),
    ]),
    'numbers eval',
  );

const spendTable = (r: EvaluationRecord): Html =>
  table(
    ['answered by', 'answers', 'errors', 'tokens', 'cost', 'of it now'],
    [
      ...r.spend.map((m) => [html`<code>${m.model}</code>`, fmt(m.answers), fmt(m.errors), fmt(m.promptTokens + m.completionTokens), usd(m.costUsd), usd(m.now.costUsd)]),
      ...r.scorerSpend.map((j) => [html`<code>${j.model}</code> <span class="tag">judge</span>`, fmt(j.requests + j.cached), '', fmt(j.promptTokens + j.completionTokens), usd(j.costUsd === null || j.cachedCostUsd === null ? null : j.costUsd + j.cachedCostUsd), usd(j.costUsd)]),
    ],
    'numbers spend',
  );

const v2Body = (r: EvaluationRecord, comparePage: string | undefined): Html => {
  const suites = r.suites.map((s) => html`<code>${s.name}</code> (${fmt(s.examples)} ${s.source === 'split' ? 'held-out' : s.format} examples)`);
  const page = comparePage
    ? html`<p><a href="${comparePage}">Side-by-side answers</a>: every example's prompt, references and each model's answer and scores, filterable to where the models disagree.</p>`
    : r.html
      ? absent(`The side-by-side page ${r.html} is not there any more.`)
      : absent('No side-by-side page: `tuneset eval <run-dir> ... --html` writes one.');
  return html`<p>Run <code>${r.runId}</code>, dataset <code>${r.datasetHash?.slice(0, 12) ?? 'made before versions'}</code>: ${suites.map((s, i) => html`${i > 0 ? ', ' : ''}${s}`)}. Scorers: ${r.scorers.map(
    (s, i) => html`${i > 0 ? ', ' : ''}${s.name} <span class="muted">${s.version}</span>`,
  )}${r.judge ? html`; judge <code>${r.judge.model}</code> on ${r.judge.scale[0]}–${r.judge.scale[1]}` : ''}.</p>${evalScoresTable(r)}${page}${r.spend.length + r.scorerSpend.length > 0 ? spendTable(r) : ''}`;
};

/** The latest evaluation (eval.json): version 2's scores of every suite, scorer and model, or an old record's accuracy per model. */
export const evalSection = (e: EvaluationInput | undefined): Html => {
  if (!e) return section('eval', 'Evaluation', absent('Not evaluated: `tuneset eval <run-dir> --model M [--baseline B]` scores models on the held-out split.'));
  const r = e.latest.record;
  const kept = e.count > 1 ? html` (the latest of ${fmt(e.count)} evaluations in <code>evals/</code>)` : '';
  if (e.latest.version === 1) {
    const v1 = e.latest.record;
    return section('eval', 'Evaluation', html`<p>${fmt(v1.examples ?? 0)} ${v1.split ?? 'validation'} examples, scorer ${v1.scorer ?? 'letter'}, ${r.evaluatedAt}${kept}.</p>${v1Body(v1)}`);
  }
  return section('eval', 'Evaluation', html`<p>Evaluated ${r.evaluatedAt}${kept}.</p>${v2Body(e.latest.record, e.comparePage)}`);
};
