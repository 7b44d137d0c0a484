import type { HandoffPreview } from '../train/handoff-preview.js';
import { fmt, html, section, table, usd, type Html } from './html.js';

/** What training would upload and cost: the hand-off preview `tuneset run` prints, as a table. */
export const costSection = (p: HandoffPreview): Html => {
  const files = table(
    ['upload', 'examples', 'tokens', 'bytes', 'sha256'],
    p.files.map((f) => [f.name, fmt(f.examples), f.tokens === null ? '—' : fmt(f.tokens), fmt(f.bytes), html`<code>${f.sha256.slice(0, 12)}</code>`]),
    'numbers',
  );
  const dates = [p.shutdownDate ? `shuts down ${p.shutdownDate}${p.daysToShutdown !== null ? ` (in ${fmt(p.daysToShutdown)} days)` : ''}` : '', p.newJobsEndDate ? `no new fine-tuning jobs from ${p.newJobsEndDate}` : '']
    .filter(Boolean)
    .join('; ');
  const estimate =
    p.estimatedCostUsd === null
      ? html`<p>No cost estimate: the model has no training price in the table.</p>`
      : html`<p class="estimate"><b>${usd(p.estimatedCostUsd)}</b> estimated: ${fmt(p.billedTokens ?? 0)} billed training tokens (train tokens × ${String(p.epochs?.resolved ?? '?')} epochs; validation tokens are free) at ${usd(p.trainingPricePerMTokens)} per 1M.</p>`;
  return section(
    'cost',
    'Cost estimate',
    html`<p>${p.provider}: <code>${p.model}</code>${dates ? html` (${dates})` : ''}.</p>${estimate}${files}${p.incomplete ? html`<p class="warn">${p.incomplete}</p>` : ''}${p.validationOk === false ? html`<p class="warn">The files failed format validation: OpenAI would refuse them.</p>` : ''}`,
  );
};
