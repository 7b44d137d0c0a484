import { absent, fmt, html, percent, section, type Html } from './html.js';
import { MAX_LABEL_VALUES, type LabelField } from './scan-meta.js';
import { barsSvg } from './svg-charts.js';

/** Examples per split, then each label field's values per split. */
export const labelsSection = (bySplit: Record<string, number>, splits: readonly string[], labels: readonly LabelField[], targets: Record<string, number> | undefined): Html => {
  const total = Object.values(bySplit).reduce((a, b) => a + b, 0);
  if (total === 0) return section('labels', 'Splits and labels', absent('No example was written.'));
  const splitRows = splits.filter((s) => bySplit[s] !== undefined).map((s) => ({ label: s, counts: { [s]: bySplit[s]! } }));
  const shares = splits
    .filter((s) => bySplit[s] !== undefined)
    .map((s) => `${s} ${fmt(bySplit[s]!)} (${percent(bySplit[s]! / total)}${targets?.[s] !== undefined ? `, target ${percent(targets[s])}` : ''})`)
    .join(' · ');
  const fields = labels.map(
    (l) =>
      html`<div class="label-field" data-field="${l.field}"><h3><code>meta.${l.field}</code> <span class="muted">${fmt(l.examples)} examples, ${fmt(l.values.length)} ${l.values.length === 1 ? 'value' : 'values'}</span></h3>${barsSvg(
        `meta.${l.field} by split`,
        l.values.map((v) => ({ label: v.value, counts: v.bySplit })),
        splits,
      )}</div>`,
  );
  return section(
    'labels',
    'Splits and labels',
    html`${barsSvg('examples per split', splitRows, splits)}<p>${shares}</p>${
      fields.length > 0 ? fields : absent(`No label field: no meta field has between 1 and ${MAX_LABEL_VALUES} distinct values.`)
    }`,
  );
};
