import { isProviderName, PROVIDERS } from '../providers/registry.js';
import type { HandoffPreview } from '../train/handoff-preview.js';
import { formatInt, formatTable, formatUsd as money } from './format-table.js';

/** The dry-run hand-off: what `tuneset train` would upload, for which model, and what it would cost. */
export const formatHandoffPreview = (p: HandoffPreview): string => {
  const local = p.provider === 'local';
  const lines = [
    local
      ? 'Hand-off preview (target local: nothing is uploaded; `tuneset export <run-dir> --to trl|axolotl|llama-factory` writes it for an open trainer)'
      : `Hand-off preview (dry run: nothing is uploaded; \`tuneset train <run-dir>${p.provider === 'openai' ? '' : ` --provider ${p.provider}`}\` does the upload)`,
  ];
  const label = isProviderName(p.provider) ? PROVIDERS[p.provider].label : p.provider;
  const shutdown =
    p.shutdownDate === null
      ? 'no shutdown date known'
      : p.daysToShutdown !== null && p.daysToShutdown <= 0
        ? `SHUT DOWN since ${p.shutdownDate}: this model can no longer be trained`
        : `shuts down ${p.shutdownDate}, in ${p.daysToShutdown} days`;
  // OpenAI runs keep the bare model name they always showed; any other target says whose model it is.
  const model = p.provider === 'openai' ? p.model : `${p.provider}:${p.model}`;
  lines.push(`  model      ${model} (${shutdown}${p.newJobsEndDate ? `; ${label} accepts no new fine-tuning jobs from ${p.newJobsEndDate}` : ''})`);
  const rows = p.files.map((f) => [f.name, formatInt(f.examples), f.tokens === null ? '?' : formatInt(f.tokens), formatInt(f.bytes), f.sha256.slice(0, 12)]);
  lines.push('', ...formatTable(['  upload', 'examples', 'tokens', 'bytes', 'sha256'], rows.map((r) => [`  ${r[0]}`, ...r.slice(1)])).split('\n'), '');
  if (p.epochs) lines.push(`  epochs     ${p.epochs.requested === 'auto' ? `auto -> ${p.epochs.resolved}` : p.epochs.resolved}`);
  if (p.billedTokens !== null) lines.push(`  billed     ${formatInt(p.billedTokens)} training tokens (train tokens x epochs; validation tokens are free)`);
  lines.push(
    p.estimatedCostUsd === null || p.trainingPricePerMTokens === null
      ? local
        ? '  estimate   none: trained on your own hardware'
        : '  estimate   unknown: the model table has no training price for this model'
      : `  estimate   ${money(p.estimatedCostUsd)} at ${money(p.trainingPricePerMTokens)} per 1M training tokens`,
  );
  // The reasons, with their numbers, are the run's error (cli/run-failure-text.ts), not repeated here.
  if (p.validationOk === false) lines.push('  WARNING    the files fail OpenAI format validation: training would be refused');
  if (p.incomplete !== null) lines.push(`  WARNING    ${p.incomplete}; training would be refused`);
  return lines.join('\n');
};
