import { evalScoresTable } from '../../report/eval-scores-table.js';
import { absent, fmt, html, jsonForScript, section, trusted, type Html } from '../../report/html.js';
import { page } from '../../report/page.js';
import { aboutSection } from './compare-page/about-section.js';
import { COMPARE_CSS } from './compare-page/compare-css.js';
import { COMPARE_SCRIPT } from './compare-page/compare-script.js';
import { compareData, type CompareData } from './compare-page/page-data.js';
import type { EvaluationRecord, Prediction, Suite } from './eval-types.js';

const examplesSection = (d: CompareData): Html => {
  if (d.examples.length === 0) return section('examples', 'Examples', absent('No prediction was kept for this evaluation.'));
  const disagreeing = d.examples.filter((e) => e.disagree).length;
  return section(
    'examples',
    'Examples',
    html`<p>Every example, grouped by suite: its prompt, reference and each model's answer with its scores. ${fmt(disagreeing)} of ${fmt(d.examples.length)} examples have answers that differ (replies after trimming, or a score).</p>
<div class="controls"><input id="compare-search" type="search" placeholder="Search prompts, references and answers" aria-label="search the examples"> <select id="compare-suite" aria-label="suite"><option value="">every suite</option>${d.suites.map(
      (s) => html`<option value="${s}">${s}</option>`,
    )}</select> <label><input id="compare-disagree" type="checkbox"> only where the models disagree</label> <span id="compare-count"></span></div>
<div id="compare-list"></div>
<button id="compare-more" type="button" hidden>show more</button>
<script type="application/json" id="compare-data">${trusted(jsonForScript(d))}</script>`,
  );
};

/**
 * The side-by-side page of one evaluation: what it is bound to (run, dataset hash, models, suites,
 * scorers, judge), the scores table, and per example the prompt, the references, each model's
 * answer and each score, filterable by suite, text and to the examples where the models disagree.
 * Self-contained (a CSP of default-src 'none', its one script allowed by hash); every model text
 * is escaped or set as text. `suites` (with their examples) gives the prompts, which predictions do not hold.
 */
export const comparePageHtml = (record: EvaluationRecord, predictions: readonly Prediction[], suites: readonly Pick<Suite, 'name' | 'examples'>[] = []): string => {
  const data = compareData(record, predictions, suites);
  return page({
    title: `Evaluation of ${record.runId}: side by side`,
    subtitle: `run ${record.runId} · dataset ${record.datasetHash?.slice(0, 12) ?? 'made before versions'} · split ${record.split} · evaluated ${record.evaluatedAt}`,
    cards: [
      ['models', fmt(data.models.length)],
      ['suites', fmt(record.suites.length)],
      ['examples', fmt(data.examples.length)],
      ['where they disagree', fmt(data.examples.filter((e) => e.disagree).length)],
    ],
    nav: [
      ['about', 'What was evaluated'],
      ['scores', 'Scores'],
      ['examples', 'Examples'],
    ],
    sections: [aboutSection(record), section('scores', 'Scores', evalScoresTable(record)), examplesSection(data)],
    script: COMPARE_SCRIPT,
    css: COMPARE_CSS,
  });
};
