import type { EvaluationRecord } from '../train/eval/eval-record.js';
import type { MetricsRow } from '../train/result-metrics.js';
import type { TrainState } from '../train/train-state.js';
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

/** The latest evaluation (eval.json): each model's accuracy with its 95% interval, tokens and cost. */
export const evalSection = (e: { latest: EvaluationRecord; count: number } | undefined): Html => {
  if (!e) return section('eval', 'Evaluation', absent('Not evaluated: `tuneset eval <run-dir> --model M [--baseline B]` scores models on the held-out split.'));
  const r = e.latest;
  return section(
    'eval',
    'Evaluation',
    html`<p>${fmt(r.examples)} ${r.split} examples, scorer ${r.scorer}, ${r.evaluatedAt}${e.count > 1 ? html` (the latest of ${fmt(e.count)} evaluations in <code>evals/</code>)` : ''}.</p>${table(
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
    )}`,
  );
};
