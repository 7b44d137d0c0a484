import type { MetricsRow } from '../train/result-metrics.js';

const W = 720;
const H = 320;
const PAD = { left: 56, right: 16, top: 28, bottom: 40 };
const SERIES = [
  { column: 'train_loss', colour: '#1f77b4', label: 'train loss' },
  { column: 'valid_loss', colour: '#d62728', label: 'validation loss' },
  { column: 'train_accuracy', colour: '#2ca02c', label: 'train accuracy' },
  { column: 'valid_mean_token_accuracy', colour: '#ff7f0e', label: 'validation accuracy' },
];

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** A self-contained SVG of loss and accuracy by step: no chart library, opens in any browser. */
export const metricsPlotSvg = (title: string, rows: readonly MetricsRow[]): string => {
  const present = SERIES.filter((s) => rows.some((r) => typeof r[s.column] === 'number'));
  const values = present.flatMap((s) => rows.map((r) => r[s.column]).filter((v): v is number => typeof v === 'number'));
  const maxStep = Math.max(1, ...rows.map((r) => r.step));
  const maxY = Math.max(1, ...values);
  const x = (step: number) => PAD.left + (step / maxStep) * (W - PAD.left - PAD.right);
  const y = (v: number) => H - PAD.bottom - (v / maxY) * (H - PAD.top - PAD.bottom);
  const lines = present.map((s) => {
    const points = rows.filter((r) => typeof r[s.column] === 'number').map((r) => `${x(r.step).toFixed(1)},${y(r[s.column] as number).toFixed(1)}`);
    return `<polyline fill="none" stroke="${s.colour}" stroke-width="1.5" points="${points.join(' ')}"/>`;
  });
  const legend = present.map((s, i) => `<text x="${PAD.left + 8 + i * 160}" y="${PAD.top - 10}" fill="${s.colour}">${s.label}</text>`);
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => `<text x="${PAD.left - 6}" y="${y(f * maxY) + 4}" text-anchor="end">${(f * maxY).toFixed(2)}</text>`);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif" font-size="12">`,
    `<title>${escape(title)}</title>`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<line x1="${PAD.left}" y1="${H - PAD.bottom}" x2="${W - PAD.right}" y2="${H - PAD.bottom}" stroke="#888"/>`,
    `<line x1="${PAD.left}" y1="${PAD.top}" x2="${PAD.left}" y2="${H - PAD.bottom}" stroke="#888"/>`,
    ...ticks,
    `<text x="${(W + PAD.left) / 2}" y="${H - 10}" text-anchor="middle">step (of ${maxStep})</text>`,
    ...legend,
    ...lines,
    '</svg>',
    '',
  ].join('\n');
};
