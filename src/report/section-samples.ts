import { absent, fmt, html, jsonForScript, section, trusted, type Html } from './html.js';
import { PER_SPLIT, type Samples } from './read-samples.js';

/** The sample browser: the sampled examples as JSON data for the page's script, a search box and a split filter. */
export const samplesSection = (s: Samples, bySplit: Record<string, number>): Html => {
  if (s.examples.length === 0) return section('samples', 'Examples', absent('No example was written.'));
  const taken = Object.entries(s.taken)
    .map(([split, n]) => `${fmt(n)} of ${fmt(bySplit[split] ?? n)} ${split}`)
    .join(', ');
  return section(
    'samples',
    'Examples',
    html`<p>A sample: the first ${fmt(PER_SPLIT)} examples of each split as written (${taken})${s.cutByBudget ? ', cut short to keep this page small' : ''}. <code>tuneset show &lt;run-dir&gt; --grep TEXT</code> searches them all.</p>
<div class="search"><input id="sample-search" type="search" placeholder="Search id, labels and text" aria-label="search the sample"> <select id="sample-split" aria-label="split"><option value="">every split</option>${Object.keys(s.taken).map(
      (split) => html`<option value="${split}">${split}</option>`,
    )}</select> <span id="sample-count"></span></div>
<div id="sample-list"></div>
<script type="application/json" id="sample-data">${trusted(jsonForScript(s.examples))}</script>`,
  );
};
