import type { HandoffPreview } from '../train/handoff-preview.js';
import { formatInt, formatTable, formatUsd as money } from './format-table.js';

/** The dry-run hand-off: what `tuneset train` would upload, for which model, and what it would cost. */
export const formatHandoffPreview = (p: HandoffPreview): string => {
  const lines = ['Hand-off preview (dry run: nothing is uploaded; `tuneset train <run-dir>` does the upload)'];
  const shutdown =
    p.shutdownDate === null
      ? 'no shutdown date known'
      : p.daysToShutdown !== null && p.daysToShutdown <= 0
        ? `SHUT DOWN since ${p.shutdownDate}: this model can no longer be trained`
        : `shuts down ${p.shutdownDate}, in ${p.daysToShutdown} days`;
  lines.push(`  model      ${p.model} (${shutdown}${p.newJobsEndDate ? `; OpenAI accepts no new fine-tuning jobs from ${p.newJobsEndDate}` : ''})`);
  const rows = p.files.map((f) => [f.name, formatInt(f.examples), f.tokens === null ? '?' : formatInt(f.tokens), formatInt(f.bytes), f.sha256.slice(0, 12)]);
  lines.push('', ...formatTable(['  upload', 'examples', 'tokens', 'bytes', 'sha256'], rows.map((r) => [`  ${r[0]}`, ...r.slice(1)])).split('\n'), '');
  if (p.epochs) lines.push(`  epochs     ${p.epochs.requested === 'auto' ? `auto -> ${p.epochs.resolved}` : p.epochs.resolved}`);
  if (p.billedTokens !== null) lines.push(`  billed     ${formatInt(p.billedTokens)} training tokens (train tokens x epochs; validation tokens are free)`);
  lines.push(
    p.estimatedCostUsd === null || p.trainingPricePerMTokens === null
      ? '  estimate   unknown: the model table has no training price for this model'
      : `  estimate   ${money(p.estimatedCostUsd)} at ${money(p.trainingPricePerMTokens)} per 1M training tokens`,
  );
  // The reasons, with their numbers, are the run's error (cli/run-failure-text.ts), not repeated here.
  if (p.validationOk === false) lines.push('  WARNING    the files fail OpenAI format validation: training would be refused');
  if (p.incomplete !== null) lines.push(`  WARNING    ${p.incomplete}; training would be refused`);
  return lines.join('\n');
};
