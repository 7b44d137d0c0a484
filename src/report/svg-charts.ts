// The report's charts as inline SVG strings: no chart library, every text escaped.
import type { StageSummary } from '../pipeline/manifest.js';
import { escapeHtml as esc, fmt, trusted, type Html } from './html.js';
import { formatTick, linear, niceTicks, type Ticks } from './plot-scale.js';

const W = 900;
const SPLIT_COLOURS: Record<string, string> = { train: '#4e79a7', validation: '#f28e2b', test: '#59a14f' };
const OTHER_COLOURS = ['#b07aa1', '#76b7b2', '#edc948', '#9c755f', '#bab0ac'];
const colourOf = (split: string, i: number): string => SPLIT_COLOURS[split] ?? OTHER_COLOURS[i % OTHER_COLOURS.length]!;
const n1 = (v: number) => (Math.round(v * 10) / 10).toString();

const svg = (height: number, label: string, body: string[]): Html =>
  trusted(`<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${height}" width="${W}" height="${height}" role="img" aria-label="${esc(label)}" font-family="sans-serif" font-size="12">${body.join('')}</svg>`);

const legend = (y: number, items: { label: string; colour: string }[], x0 = 160): string[] =>
  items.flatMap((item, i) => {
    const x = x0 + i * 150;
    return [`<rect x="${x}" y="${y - 9}" width="12" height="12" fill="${item.colour}"/>`, `<text x="${x + 17}" y="${y + 1}">${esc(item.label)}</text>`];
  });

/**
 * Counts per stage as a flow: one row per stage, a bar as long as what entered it (in + expanded),
 * split into what went on, what was dropped and what errored.
 */
export const flowSvg = (stages: readonly StageSummary[]): Html => {
  const row = 30;
  const top = 30;
  const height = top + stages.length * row + 10;
  const widest = Math.max(1, ...stages.map((s) => s.in + s.expanded));
  const x = linear(0, widest, 0, 440);
  const out = legend(14, [
    { label: 'out', colour: '#4e79a7' },
    { label: 'dropped', colour: '#e15759' },
    { label: 'errored', colour: '#f28e2b' },
  ]);
  stages.forEach((s, i) => {
    const y = top + i * row;
    const dropped = Object.values(s.dropped).reduce((a, b) => a + b, 0);
    let at = 160;
    out.push(`<g class="stage" data-stage="${esc(s.name)}"><text x="150" y="${y + 15}" text-anchor="end">${esc(s.name)}</text>`);
    for (const [n, colour, cls] of [
      [s.out, '#4e79a7', 'out'],
      [dropped, '#e15759', 'dropped'],
      [s.errored, '#f28e2b', 'errored'],
    ] as const) {
      if (n <= 0) continue;
      const w = Math.max(1, x(n));
      out.push(`<rect class="${cls}" x="${n1(at)}" y="${y + 3}" width="${n1(w)}" height="18" fill="${colour}"><title>${esc(`${s.name}: ${fmt(n)} ${cls}`)}</title></rect>`);
      at += w;
    }
    const expanded = s.expanded > 0 ? ` (+${fmt(s.expanded)} expanded)` : '';
    const lost = [dropped > 0 ? `${fmt(dropped)} dropped` : '', s.errored > 0 ? `${fmt(s.errored)} errored` : ''].filter(Boolean).join(', ');
    out.push(`<text x="610" y="${y + 15}">${esc(`${fmt(s.in)} in${expanded} → ${fmt(s.out)} out${lost ? `, ${lost}` : ''}`)}</text></g>`);
  });
  return svg(height, 'records in and out of each stage', out);
};

/** Ticks for a count axis: whole numbers only (a step of 2.5 or 0.5 becomes 2 or 1). */
export const countTicks = (max: number): Ticks => {
  const t = niceTicks(0, max, 5);
  if (t.decimals === 0) return t;
  const step = t.values[1]! - t.values[0]! < 1 ? 1 : 2;
  const hi = Math.max(step, Math.ceil(max / step) * step);
  return { lo: 0, hi, values: Array.from({ length: hi / step + 1 }, (_, i) => i * step), decimals: 0 };
};

export interface HistogramBin {
  lo: number;
  hi: number;
  counts: Record<string, number>;
}

/**
 * Examples per token-length bin, stacked by split, with the model's limit as a red line (or, when
 * the limit is far past the longest example, a note at the right edge saying where it is).
 */
export const histogramSvg = (bins: readonly HistogramBin[], series: readonly string[], limit: number | undefined, domainHi: number): Html => {
  const height = 300;
  const plot = { left: 60, right: W - 30, top: 40, bottom: height - 45 };
  const tallest = Math.max(1, ...bins.map((b) => Object.values(b.counts).reduce((a, c) => a + c, 0)));
  const yTicks = countTicks(tallest);
  const xTicks = niceTicks(0, domainHi, 8);
  const x = linear(0, xTicks.hi, plot.left, plot.right);
  const y = linear(0, yTicks.hi, plot.bottom, plot.top);
  const out = legend(16, series.map((s, i) => ({ label: s, colour: s === 'dropped over the limit' ? '#e15759' : colourOf(s, i) })), plot.left);
  for (const v of yTicks.values) {
    out.push(`<line x1="${plot.left}" y1="${n1(y(v))}" x2="${plot.right}" y2="${n1(y(v))}" stroke="#e6e6e6"/>`);
    out.push(`<text x="${plot.left - 6}" y="${n1(y(v) + 4)}" text-anchor="end">${formatTick(v, yTicks.decimals)}</text>`);
  }
  for (const v of xTicks.values) out.push(`<text x="${n1(x(v))}" y="${plot.bottom + 16}" text-anchor="middle">${formatTick(v, xTicks.decimals)}</text>`);
  out.push(`<text x="${(plot.left + plot.right) / 2}" y="${height - 8}" text-anchor="middle">tokens per example</text>`);
  for (const b of bins) {
    let base = 0;
    series.forEach((s, i) => {
      const n = b.counts[s] ?? 0;
      if (n === 0) return;
      const colour = s === 'dropped over the limit' ? '#e15759' : colourOf(s, i);
      out.push(
        `<rect class="bin" x="${n1(x(b.lo))}" y="${n1(y(base + n))}" width="${n1(Math.max(1, x(b.hi) - x(b.lo) - 1))}" height="${n1(y(base) - y(base + n))}" fill="${colour}"><title>${esc(`${s}: ${fmt(n)} examples of ${fmt(b.lo)}-${fmt(b.hi - 1)} tokens`)}</title></rect>`,
      );
      base += n;
    });
  }
  out.push(`<line x1="${plot.left}" y1="${plot.bottom}" x2="${plot.right}" y2="${plot.bottom}" stroke="#888"/>`);
  if (limit !== undefined && limit <= xTicks.hi) {
    out.push(`<line class="limit" x1="${n1(x(limit))}" y1="${plot.top - 6}" x2="${n1(x(limit))}" y2="${plot.bottom}" stroke="#e15759" stroke-width="2" stroke-dasharray="6 3"/>`);
    out.push(`<text x="${n1(x(limit) - 4)}" y="${plot.top - 10}" text-anchor="end" fill="#e15759">${esc(`limit ${fmt(limit)}`)}</text>`);
  } else if (limit !== undefined) {
    out.push(`<text class="limit" x="${plot.right}" y="${plot.top - 10}" text-anchor="end" fill="#e15759">${esc(`limit ${fmt(limit)} tokens →`)}</text>`);
  }
  return svg(height, 'token length histogram', out);
};

/** Horizontal bars, one per row, stacked by series (splits), the total at the end. */
export const barsSvg = (label: string, rows: readonly { label: string; counts: Record<string, number> }[], series: readonly string[]): Html => {
  const row = 24;
  const top = 30;
  const height = top + rows.length * row + 8;
  const widest = Math.max(1, ...rows.map((r) => Object.values(r.counts).reduce((a, b) => a + b, 0)));
  const x = linear(0, widest, 0, 560);
  const out = series.length > 1 ? legend(14, series.map((s, i) => ({ label: s, colour: colourOf(s, i) }))) : [];
  rows.forEach((r, i) => {
    const y = top + i * row;
    out.push(`<text x="150" y="${y + 13}" text-anchor="end">${esc(r.label.length > 24 ? `${r.label.slice(0, 23)}…` : r.label)}</text>`);
    let at = 160;
    series.forEach((s, j) => {
      const n = r.counts[s] ?? 0;
      if (n <= 0) return;
      const w = Math.max(1, x(n));
      out.push(`<rect class="bar" x="${n1(at)}" y="${y + 1}" width="${n1(w)}" height="16" fill="${colourOf(s, j)}"><title>${esc(`${r.label}, ${s}: ${fmt(n)}`)}</title></rect>`);
      at += w;
    });
    out.push(`<text x="${n1(at + 6)}" y="${y + 13}">${fmt(Object.values(r.counts).reduce((a, b) => a + b, 0))}</text>`);
  });
  return svg(height, label, out);
};
