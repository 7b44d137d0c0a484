import type { Manifest } from '../pipeline/manifest.js';
import type { CrawlSummary } from '../stages/scrape/crawl/crawl-summary.js';
import { absent, fmt, html, section, table, type Html } from './html.js';
import type { PageMark } from './scan-meta.js';

const INPUTS_SHOWN = 100;
const PAGES_SHOWN = 200;
const CHANGE_ORDER = ['changed', 'new', 'same'];

const plural = (n: number, noun: string) => `${fmt(n)} ${noun}${n === 1 ? '' : 's'}`;

const keyValues = (entries: [string, unknown][]): Html => table(['', ''], entries.map(([k, v]) => [k, v]), 'kv');

export interface CrawlInput {
  summary: CrawlSummary;
  pages: readonly PageMark[];
  pagesUntracked: number;
  robotsDisallowed: readonly string[];
}

const crawlPart = (c: CrawlInput): Html => {
  const s = c.summary;
  const robots = new Map<string, number>();
  for (const p of c.pages) robots.set(p.robots, (robots.get(p.robots) ?? 0) + 1);
  const rank = (p: PageMark) => (CHANGE_ORDER.includes(p.change) ? CHANGE_ORDER.indexOf(p.change) : CHANGE_ORDER.length);
  const pages = [...c.pages].sort((a, b) => rank(a) - rank(b) || (a.url < b.url ? -1 : 1));
  const shown = pages.slice(0, PAGES_SHOWN);
  const removed = s.removed ?? [];
  return html`<h3>Crawl</h3>
<p class="crawl-counts">${fmt(s.pages)} pages: <span class="mark-new">${fmt(s.new)} new</span>, <span class="mark-same">${fmt(s.same)} same</span>, <span class="mark-changed">${fmt(s.changed)} changed</span>, <span class="mark-removed">${fmt(removed.length)} removed</span> since the last crawl; ${fmt(s.responses)} responses (${fmt(s.notModified)} not modified), ${fmt(s.failed)} failed${s.truncatedAtMaxPages ? ', stopped at maxPages' : ''}.</p>
<h4>Robots decisions</h4>
<p>${[...robots].map(([d, n]) => `${plural(n, 'page')} ${d}`).join(', ') || 'no page with examples'}; ${plural(s.robotsDisallowed, 'URL')} disallowed by robots.txt${c.robotsDisallowed.length > 0 ? ':' : '.'}</p>
${c.robotsDisallowed.length > 0 ? html`<ul class="urls">${c.robotsDisallowed.map((u) => html`<li><code>${u}</code></li>`)}</ul>` : ''}
<h4>Removed pages</h4>
${removed.length > 0 ? table(['url', 'why'], removed.slice(0, PAGES_SHOWN).map((r) => [html`<code>${r.url}</code>`, r.reason === 'gone' ? 'gone (404/410)' : 'unreachable (no link to it)']), 'removed') : absent('No page of the last crawl is missing.')}
<h4>Pages and their change marks</h4>
${table(
  ['page', 'change', 'robots', 'render', 'examples'],
  shown.map((p) => [html`<code>${p.url}</code>`, html`<span class="mark-${p.change}">${p.change || '—'}</span>`, p.robots, p.render || '—', fmt(p.examples)]),
  'pages',
)}${pages.length > shown.length || c.pagesUntracked > 0 ? html`<p class="muted">${fmt(pages.length - shown.length + c.pagesUntracked)} more pages not listed.</p>` : ''}`;
};

/** What the run was built from and with: inputs and hashes, versions, config, the dataset's content hash; for a crawl, what it found. */
export const provenanceSection = (m: Manifest, crawl: CrawlInput | undefined): Html => {
  const inputs = m.inputs ?? [];
  const about = keyValues([
    ['pipeline', m.pipeline],
    ['run', m.runId],
    ['started', m.startedAt],
    ['target', `${m.provider ?? 'openai'}: ${m.model}`],
    ['config hash', html`<code>${m.configHash}</code>`],
    ['dataset hash', m.dataset ? html`<code>${m.dataset.hash}</code> (${fmt(m.dataset.examples)} examples)` : 'not recorded (run made before dataset versions)'],
    ['parameters', html`<code>${JSON.stringify(m.params ?? {})}</code>`],
    ['versions', Object.entries(m.versions ?? {}).map(([k, v]) => `${k} ${v}`).join(', ')],
    ['leakage check', m.leakage ? (m.leakage.ok ? 'passed' : 'FAILED') : 'not recorded'],
  ]);
  const inputTable =
    inputs.length === 0
      ? absent('No input files recorded.')
      : table(
          ['input', 'sha256', 'bytes'],
          inputs.slice(0, INPUTS_SHOWN).map((i) => [html`<code>${i.uri}</code>`, html`<code>${String(i.sha256 ?? '')}</code>`, fmt(Number(i.bytes ?? 0))]),
        );
  const files = table(
    ['file', 'lines', 'bytes', 'sha256', 'content hash'],
    Object.entries(m.files ?? {}).map(([name, f]) => {
      const split = m.dataset?.splits[name.replace(/\.jsonl$/, '')];
      return [name, fmt(f.lines), fmt(f.bytes), html`<code>${f.sha256.slice(0, 16)}</code>`, split ? html`<code>${split.hash.slice(0, 16)}</code>` : ''];
    }),
  );
  return section(
    'provenance',
    'Provenance',
    html`${about}<h3>Inputs</h3>${inputTable}${inputs.length > INPUTS_SHOWN ? html`<p class="muted">${fmt(inputs.length - INPUTS_SHOWN)} more inputs in manifest.json.</p>` : ''}<h3>Files</h3>${files}${crawl ? crawlPart(crawl) : ''}`,
  );
};
