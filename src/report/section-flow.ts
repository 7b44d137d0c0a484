import type { StageSummary } from '../pipeline/manifest.js';
import { absent, fmt, html, section, table, type Html } from './html.js';
import { exampleKey, type DroppedExample, type RejectedScan } from './scan-rejected.js';
import { flowSvg } from './svg-charts.js';
import { clip } from './text-snippet.js';

/** Codes listed per stage; past that, the rarest are named in one line. */
const CODES_PER_STAGE = 12;

const exampleCell = (examples: readonly DroppedExample[], fallback: StageSummary['examples'][string] | undefined): Html => {
  if (examples.length > 0) {
    return html`${examples.map(
      (e) =>
        html`<details class="drop"><summary><code>${e.id}</code>${e.detail !== undefined ? html` <span class="detail">${clip(JSON.stringify(e.detail), 160)}</span>` : ''}</summary>${e.source ? html`<div class="source">${e.source}</div>` : ''}<div class="text">${e.text || '(no text)'}</div></details>`,
    )}`;
  }
  // rejected.jsonl missing: the manifest's own few examples, ids and details only.
  return html`${(fallback ?? []).map((e) => html`<div><code>${e.id}</code> <span class="detail">${e.detail === undefined ? '' : clip(JSON.stringify(e.detail), 160)}</span></div>`)}`;
};

/** Counts per stage as a flow, then every drop code with a few of its records. */
export const flowSection = (stages: readonly StageSummary[], rejected: RejectedScan): Html => {
  if (stages.length === 0) return section('flow', 'Records through the stages', absent('The manifest lists no stages.'));
  const rows: unknown[][] = [];
  for (const s of stages) {
    const codes = Object.entries(s.dropped).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    for (const [code, n] of codes.slice(0, CODES_PER_STAGE)) {
      rows.push([s.name, html`<code>${code}</code>`, fmt(n), exampleCell(rejected.examples.get(exampleKey(s.name, code)) ?? [], s.examples[code])]);
    }
    const rest = codes.slice(CODES_PER_STAGE);
    if (rest.length > 0) rows.push([s.name, `+${rest.length} more codes`, fmt(rest.reduce((a, [, n]) => a + n, 0)), rest.map(([c]) => c).join(', ')]);
    if (s.errored > 0) rows.push([s.name, 'errored', fmt(s.errored), 'see rejected.jsonl']);
  }
  const drops = rows.length === 0 ? absent('No record was dropped.') : html`<h3>Drop reasons</h3><p>Every dropped record is in <code>rejected.jsonl</code> with its reason (<code>tuneset show &lt;run-dir&gt; --rejected</code>). A few of each:</p>${table(['stage', 'code', 'records', 'for example'], rows, 'drops')}`;
  return section('flow', 'Records through the stages', html`${flowSvg(stages)}${drops}`);
};
