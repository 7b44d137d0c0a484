import type { MetricsRow } from '../train/result-metrics.js';
import { formatTick, linear, niceTicks } from './plot-scale.js';
import { centeredMovingAverage, minMaxBand, thin, type Point } from './series-points.js';

// A loop, not Math.min(...values): spreading a long job's points as arguments overflows the stack.
const minOf = (values: readonly number[]): number => values.reduce((m, v) => (v < m ? v : m), Infinity);
const maxOf = (values: readonly number[]): number => values.reduce((m, v) => (v > m ? v : m), -Infinity);

const W = 900;
const PANEL_H = 300;
const TITLE_H = 36;
const FOOTNOTE_H = 28;
const H = TITLE_H + 2 * PANEL_H + FOOTNOTE_H;
const PLOT = { left: 70, right: 32, top: 34, bottom: 46 };

/** Raw points drawn per series at most (a stride sample past that): under one per horizontal pixel. */
export const RAW_POINTS = 600;
/** Step ranges of the min-max band drawn behind a sampled series, so the spikes a stride skips still show. */
export const BAND_BUCKETS = 300;
/** Vertices of a smoothed line: it is smooth already, so a stride loses nothing visible. */
const SMOOTH_VERTICES = 500;
/** Points on either side of the moving-average window: 2% of the series (161 points in all at 4,000 steps), at least 1 from 10 points up. */
export const halfWindow = (points: number): number => (points < 10 ? 0 : Math.max(1, Math.round(points / 50)));

interface Series {
  /** Columns of OpenAI's step_metrics.csv that hold this series; the first one present is drawn. */
  columns: readonly string[];
  label: string;
  colour: string;
}

// OpenAI's CSV says train_accuracy where its events say train_mean_token_accuracy: take either.
const PANELS: readonly { metric: string; title: string; zeroBased: boolean; series: readonly Series[] }[] = [
  {
    metric: 'loss',
    title: 'loss',
    zeroBased: true,
    series: [
      { columns: ['train_loss'], label: 'train', colour: '#1f77b4' },
      { columns: ['valid_loss'], label: 'validation', colour: '#d62728' },
      { columns: ['full_valid_loss'], label: 'full validation (epoch ends)', colour: '#9467bd' },
    ],
  },
  {
    metric: 'accuracy',
    title: 'token accuracy',
    zeroBased: false,
    series: [
      { columns: ['train_accuracy', 'train_mean_token_accuracy'], label: 'train', colour: '#1f77b4' },
      { columns: ['valid_mean_token_accuracy'], label: 'validation', colour: '#d62728' },
      { columns: ['full_valid_mean_token_accuracy'], label: 'full validation (epoch ends)', colour: '#9467bd' },
    ],
  },
];

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const n1 = (v: number) => (Math.round(v * 10) / 10).toString();

const pointsOf = (rows: readonly MetricsRow[], series: Series): { column: string; points: Point[] } | undefined => {
  for (const column of series.columns) {
    const points = rows.filter((r) => Number.isFinite(r.step) && typeof r[column] === 'number' && Number.isFinite(r[column])).map((r) => ({ x: r.step, y: r[column] as number }));
    if (points.length > 0) return { column, points };
  }
  return undefined;
};

/** One panel: grid, ticks, axis labels, legend, and per series faint raw dots under the smoothed line. */
const panel = (top: number, spec: (typeof PANELS)[number], rows: readonly MetricsRow[], xTicks: ReturnType<typeof niceTicks>): string[] => {
  const present = spec.series.flatMap((s) => {
    const found = pointsOf(rows, s);
    return found ? [{ ...s, ...found }] : [];
  });
  const left = PLOT.left;
  const right = W - PLOT.right;
  const plotTop = top + PLOT.top;
  const bottom = top + PANEL_H - PLOT.bottom;
  const out = [`<g class="panel" data-metric="${spec.metric}">`, `<text x="${left}" y="${top + 16}" font-weight="bold">${spec.title}</text>`];
  const x = linear(xTicks.lo, xTicks.hi, left, right);
  const values = present.flatMap((s) => s.points.map((p) => p.y));
  // Loss from zero, so its fall reads true to scale; accuracy spans its own range for detail.
  const [lo, hi] = values.length === 0 ? [0, 1] : [spec.zeroBased ? Math.min(0, minOf(values)) : minOf(values), maxOf(values)];
  const yTicks = niceTicks(lo, hi);
  const y = linear(yTicks.lo, yTicks.hi, bottom, plotTop);

  for (const v of yTicks.values) {
    out.push(`<line x1="${left}" y1="${n1(y(v))}" x2="${right}" y2="${n1(y(v))}" stroke="#e6e6e6"/>`);
    out.push(`<text class="tick-y" x="${left - 6}" y="${n1(y(v) + 4)}" text-anchor="end">${formatTick(v, yTicks.decimals)}</text>`);
  }
  for (const v of xTicks.values) {
    out.push(`<line x1="${n1(x(v))}" y1="${bottom}" x2="${n1(x(v))}" y2="${bottom + 5}" stroke="#888"/>`);
    out.push(`<text class="tick-x" x="${n1(x(v))}" y="${bottom + 18}" text-anchor="middle">${formatTick(v, xTicks.decimals)}</text>`);
  }
  out.push(`<rect x="${left}" y="${plotTop}" width="${right - left}" height="${bottom - plotTop}" fill="none" stroke="#888"/>`);
  out.push(`<text class="axis-label" x="${(left + right) / 2}" y="${bottom + 38}" text-anchor="middle">step</text>`);
  const mid = (plotTop + bottom) / 2;
  out.push(`<text class="axis-label" x="18" y="${mid}" text-anchor="middle" transform="rotate(-90 18 ${mid})">${spec.title}</text>`);
  if (present.length === 0) out.push(`<text x="${(left + right) / 2}" y="${mid}" text-anchor="middle" fill="#888">no ${spec.title} in the metrics file</text>`);

  present.forEach((s, i) => {
    const band = minMaxBand(s.points, BAND_BUCKETS);
    if (band.length > 0) {
      const edge = [...band.map((b) => `${n1(x(b.x))},${n1(y(b.hi))}`), ...band.reverse().map((b) => `${n1(x(b.x))},${n1(y(b.lo))}`)];
      out.push(`<polygon class="band" data-series="${s.column}" points="${edge.join(' ')}" fill="${s.colour}" fill-opacity="0.1"/>`);
    }
    // Raw values as dots: zero-length segments with round caps, one path element for the whole series.
    const raw = thin(s.points, RAW_POINTS)
      .map((p) => `M${n1(x(p.x))} ${n1(y(p.y))}h0`)
      .join('');
    out.push(`<path class="raw" data-series="${s.column}" d="${raw}" stroke="${s.colour}" stroke-opacity="0.3" stroke-width="3" stroke-linecap="round" fill="none"/>`);
    const smoothed = thin(centeredMovingAverage(s.points, halfWindow(s.points.length)), SMOOTH_VERTICES)
      .map((p) => `${n1(x(p.x))},${n1(y(p.y))}`)
      .join(' ');
    out.push(`<polyline class="smoothed" data-series="${s.column}" points="${smoothed}" stroke="${s.colour}" stroke-width="2" fill="none"/>`);
    const lx = left + 150 + i * 190;
    out.push(`<line x1="${lx}" y1="${top + 12}" x2="${lx + 22}" y2="${top + 12}" stroke="${s.colour}" stroke-width="2"/>`);
    out.push(`<text x="${lx + 28}" y="${top + 16}">${escape(s.label)}</text>`);
  });
  out.push('</g>');
  return out;
};

/**
 * A self-contained SVG of a fine-tuning job's metrics by step: loss and token accuracy in two
 * panels on one step axis. Each series is drawn as faint raw points (past RAW_POINTS a stride
 * sample of them, over a faint band of each step range's lowest and highest value) under a
 * centered moving average (halfWindow), so a 4,000-step job stays readable and the file small.
 * No chart library: it opens in any browser.
 */
export const metricsPlotSvg = (title: string, rows: readonly MetricsRow[]): string => {
  const steps = rows.map((r) => r.step).filter(Number.isFinite);
  const xTicks = niceTicks(steps.length ? minOf(steps) : 0, steps.length ? maxOf(steps) : 1, 6);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`,
    `<title>${escape(title)}</title>`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${W / 2}" y="22" text-anchor="middle" font-size="14">${escape(title)}</text>`,
    ...PANELS.flatMap((spec, i) => panel(TITLE_H + i * PANEL_H, spec, rows, xTicks)),
    `<text x="${PLOT.left}" y="${H - 12}" fill="#555">Dots: raw values (a sample of ${RAW_POINTS} past that many; the band spans them all). Lines: centered moving average, 2% of points either side.</text>`,
    '</svg>',
    '',
  ].join('\n');
};
