import { fmt, html, section, table, type Html } from '../../../report/html.js';
import { modelLabel } from '../../../report/eval-scores-table.js';
import type { EvaluationRecord } from '../eval-types.js';

/** What binds the page to the build: the run and its dataset hash, the split, the models, suites, scorers and judge. */
export const aboutSection = (r: EvaluationRecord): Html =>
  section(
    'about',
    'What was evaluated',
    table(
      ['', ''],
      [
        ['run', html`<code>${r.runId}</code>`],
        ['dataset hash', r.datasetHash ? html`<code>${r.datasetHash}</code>` : 'none (the run was made before versions)'],
        ['held-out split', r.split],
        ['evaluated at', r.evaluatedAt],
        ['models', r.models.map((m) => html`<div>${modelLabel(m, m.model)}${m.requestedAs !== m.model ? html` <span class="muted">sent as <code>${m.requestedAs}</code></span>` : ''}</div>`)],
        [
          'suites',
          r.suites.map(
            (s) =>
              html`<div><code>${s.name}</code>: ${fmt(s.examples)} examples, ${s.source === 'split' ? 'the run’s split' : s.format} <code>${s.path}</code> <span class="muted">sha256 ${s.sha256.slice(0, 12)}</span>, scored by ${s.scorers.join(', ')}</div>`,
          ),
        ],
        ['scorers', r.scorers.map((s) => html`<div>${s.name} <code>${s.version}</code></div>`)],
        ['judge', r.judge ? html`<code>${r.judge.model}</code>, grades ${r.judge.scale[0]}–${r.judge.scale[1]}<details><summary>rubric</summary><pre>${r.judge.rubric}</pre></details>` : 'none'],
        ['files', html`<code>${r.predictions}</code> (every answer)`],
      ],
      'kv',
    ),
  );
