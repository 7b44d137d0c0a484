import { absent, fmt, html, section, table, usd, type Html } from './html.js';
import type { PreviousRun } from './previous-run.js';
import type { ExampleCounts } from '../runs/types.js';

const IDS_SHOWN = 20;

const countsRow = (name: string, c: ExampleCounts) => [name, fmt(c.added), fmt(c.removed), fmt(c.changed), fmt(c.unchanged)];
const signed = (n: number, text = fmt(n)) => (n > 0 ? `+${text}` : n < 0 ? `−${text.replace('-', '')}` : text);

const idList = (title: string, ids: readonly string[], total: number): Html =>
  total === 0
    ? html``
    : html`<details><summary>${title}: ${fmt(total)}</summary><ul class="ids">${ids.slice(0, IDS_SHOWN).map((id) => html`<li><code>${id}</code></li>`)}${total > IDS_SHOWN ? html`<li class="muted">and ${fmt(total - IDS_SHOWN)} more (<code>tuneset diff --json</code>)</li>` : ''}</ul></details>`;

// Moved examples under the same configuration mean an unstable split; after a change of seed or shares they are expected.
const moved = (count: number, configChanged: boolean): Html =>
  count === 0
    ? html`<p>No example moved between splits.</p>`
    : configChanged
      ? html`<p>${fmt(count)} examples moved between splits; the configuration changed since that run (another config hash), which can move them.</p>`
      : html`<p class="warn">${fmt(count)} examples moved between splits under the same configuration: the split is not stable across these runs.</p>`;

/** What changed since the previous run of the pipeline, example by example (src/runs/diff-runs.ts). */
export const diffSection = (p: PreviousRun): Html => {
  if (p.kind === 'none') return section('diff', 'Since the previous run', absent(`Nothing to compare with: ${p.reason}.`));
  if (p.kind === 'error') return section('diff', 'Since the previous run', absent(`The previous run could not be compared: ${p.message}`));
  const d = p.diff;
  const e = d.examples;
  const labelRows = Object.entries(d.labels).length > 1 ? table([`meta.${d.labelField}`, 'added', 'removed', 'changed', 'unchanged'], Object.entries(d.labels).map(([k, c]) => countsRow(k, c)), 'numbers') : html``;
  const cost = d.cost.delta === null ? 'no price' : `${signed(d.cost.delta, usd(Math.abs(d.cost.delta)))}`;
  return section(
    'diff',
    'Since the previous run',
    html`<p>Compared with <code>${d.a.runId}</code> (<code>${d.a.hash.slice(0, 12)}</code> → <code>${d.b.hash.slice(0, 12)}</code>${d.a.hash === d.b.hash ? ', the same examples' : ''}).</p>
<p class="diff-counts"><span class="mark-new">${fmt(e.added)} added</span>, <span class="mark-removed">${fmt(e.removed)} removed</span>, <span class="mark-changed">${fmt(e.changed)} changed</span>, ${fmt(e.unchanged)} unchanged; tokens ${signed(d.tokens.delta)} (${fmt(d.tokens.a)} → ${fmt(d.tokens.b)}), cost ${cost}.</p>
${moved(d.moved.count, p.configChanged)}
${table(['split', 'added', 'removed', 'changed', 'unchanged'], Object.entries(d.splits).map(([k, c]) => countsRow(k, c)), 'numbers')}${labelRows}
${idList('added', d.ids.added, e.added)}${idList('removed', d.ids.removed, e.removed)}${idList('changed', d.ids.changed, e.changed)}${idList('moved', d.moved.ids, d.moved.count)}`,
  );
};
