import { absent, fmt, html, section, type Html } from './html.js';
import type { RejectedScan } from './scan-rejected.js';

/** Clusters shown, largest first. */
const CLUSTERS_SHOWN = 30;

/** Duplicate clusters: each kept record with the copies dropped for it (near-duplicates with their similarity). */
export const duplicatesSection = (rejected: RejectedScan, nearReport: Record<string, unknown> | undefined): Html => {
  const clusters = rejected.clusters;
  const near = clusters.filter((c) => c.kind === 'near').length;
  const settings =
    nearReport && typeof nearReport['cutoff'] === 'number'
      ? html`<p>Near-dedupe compared ${fmt(Number(nearReport['items'] ?? 0))} records (MinHash, ${String(nearReport['bands'])} bands × ${String(nearReport['rows'])} rows, similarity cutoff ${String(nearReport['cutoff'])}): ${fmt(Number(nearReport['clusters'] ?? 0))} clusters, ${fmt(Number(nearReport['dropped'] ?? 0))} dropped.</p>`
      : '';
  if (clusters.length === 0) return section('duplicates', 'Duplicate clusters', html`${settings}${absent('No duplicate or near-duplicate was dropped.')}`);
  const shown = clusters.slice(0, CLUSTERS_SHOWN);
  const more = clusters.length - shown.length + (rejected.clustersUntracked > 0 ? 1 : 0);
  return section(
    'duplicates',
    'Duplicate clusters',
    html`${settings}<p>${fmt(near)} near-duplicate and ${fmt(clusters.length - near)} exact clusters; largest first. Each keeps one record and drops the rest.</p>${shown.map(
      (c) =>
        html`<details class="cluster" data-kind="${c.kind}"><summary>${c.kind === 'near' ? 'near' : 'exact'}: kept <code>${c.keptId}</code>, ${fmt(c.dropped)} dropped</summary><ul>${c.members.map(
          (m) => html`<li><code>${m.id}</code>${m.similarity !== undefined ? html` <span class="muted">similarity ${m.similarity.toFixed(3)}</span>` : ''}<div class="text">${m.text}</div></li>`,
        )}${c.dropped > c.members.length ? html`<li class="muted">and ${fmt(c.dropped - c.members.length)} more</li>` : ''}</ul></details>`,
    )}${more > 0 ? html`<p class="muted">${fmt(clusters.length - shown.length)} smaller clusters not shown${rejected.clustersUntracked > 0 ? html`; ${fmt(rejected.clustersUntracked)} more drops past the clusters tracked` : ''}.</p>` : ''}`,
  );
};
