import { expect, test } from 'vitest';
import { metricsPlotSvg, RAW_POINTS, BAND_BUCKETS } from '../../src/report/metrics-plot.js';
import { centeredMovingAverage, minMaxBand, thin } from '../../src/report/series-points.js';
import { niceTicks } from '../../src/report/plot-scale.js';
import type { MetricsRow } from '../../src/train/result-metrics.js';

/** A falling loss with noise (deterministic), accuracy rising with it, validation every 200 steps. */
const job = (steps: number): MetricsRow[] =>
  Array.from({ length: steps }, (_, i) => {
    const step = i + 1;
    const noise = Math.sin(step * 12.9898) * 0.15;
    const loss = 0.2 + 1.8 * Math.exp((-3 * step) / steps) + noise;
    const valid = step % 200 === 0;
    return { step, train_loss: loss, train_accuracy: 1 - loss / 2.6, valid_loss: valid ? loss * 1.1 : null, valid_mean_token_accuracy: valid ? 1 - loss / 2.4 : null };
  });

const all = (svg: string, re: RegExp) => [...svg.matchAll(re)];
const attr = (element: string, name: string) => new RegExp(`${name}="([^"]*)"`).exec(element)?.[1] ?? '';
const element = (svg: string, tag: string, cls: string, series: string) => new RegExp(`<${tag} class="${cls}" data-series="${series}"[^>]*>`).exec(svg)?.[0];
/** The text of each tick label of one axis in one panel. */
const ticks = (svg: string, metric: string, axis: 'x' | 'y') => {
  const panel = new RegExp(`<g class="panel" data-metric="${metric}">[\\s\\S]*?</g>`).exec(svg)![0];
  return all(panel, new RegExp(`<text class="tick-${axis}"[^>]*>([^<]*)</text>`, 'g')).map((m) => m[1]);
};

test('loss and accuracy in two panels, each with tick labels on both axes and axis labels', () => {
  const svg = metricsPlotSvg('ft:gpt-4o-mini:demo', job(4000));
  expect(all(svg, /<g class="panel" data-metric="(\w+)">/g).map((m) => m[1])).toEqual(['loss', 'accuracy']);
  expect(ticks(svg, 'loss', 'x')).toEqual(['0', '1,000', '2,000', '3,000', '4,000']);
  expect(ticks(svg, 'accuracy', 'x')).toEqual(['0', '1,000', '2,000', '3,000', '4,000']);
  expect(ticks(svg, 'loss', 'y')).toEqual(['0.0', '0.5', '1.0', '1.5', '2.0', '2.5']);
  expect(ticks(svg, 'accuracy', 'y')).toEqual(['0.0', '0.2', '0.4', '0.6', '0.8', '1.0']);
  expect(all(svg, /<text class="axis-label"[^>]*>([^<]*)<\/text>/g).map((m) => m[1])).toEqual(['step', 'loss', 'step', 'token accuracy']);
});

test('at 4,000 steps: a smoothed line over at most RAW_POINTS faint raw points and a min-max band, in a small file', () => {
  const svg = metricsPlotSvg('ft:gpt-4o-mini:demo', job(4000));
  for (const series of ['train_loss', 'train_accuracy']) {
    const raw = element(svg, 'path', 'raw', series)!;
    expect(all(attr(raw, 'd'), /M/g)).toHaveLength(RAW_POINTS);
    expect(Number(attr(raw, 'stroke-opacity'))).toBeLessThan(0.5);
    expect(attr(element(svg, 'polygon', 'band', series)!, 'points').split(' ')).toHaveLength(2 * BAND_BUCKETS);
    const smoothed = attr(element(svg, 'polyline', 'smoothed', series)!, 'points').split(' ');
    expect(smoothed.length).toBeGreaterThan(100);
    expect(smoothed.length).toBeLessThanOrEqual(500);
  }
  // Sparse validation series: every point drawn, no band.
  expect(all(attr(element(svg, 'path', 'raw', 'valid_loss')!, 'd'), /M/g)).toHaveLength(20);
  expect(element(svg, 'polygon', 'band', 'valid_loss')).toBeUndefined();
  expect(svg.length).toBeLessThan(60_000);
});

test('the smoothed line is far smoother than the raw values it averages', () => {
  const svg = metricsPlotSvg('t', job(4000));
  const ys = (points: string[]) => points.map((p) => Number(p.split(/[ ,]/)[1]));
  const variation = (v: number[]) => v.slice(1).reduce((sum, y, i) => sum + Math.abs(y - v[i]!), 0);
  const raw = ys(attr(element(svg, 'path', 'raw', 'train_loss')!, 'd').split('M').slice(1).map((p) => p.replace('h0', '')));
  const smoothed = ys(attr(element(svg, 'polyline', 'smoothed', 'train_loss')!, 'points').split(' '));
  expect(variation(smoothed)).toBeLessThan(variation(raw) / 10);
});

test('a short job draws every raw point; a missing metric says so in its panel', () => {
  const rows = job(40).map(({ step, train_loss }) => ({ step, train_loss: train_loss ?? null }));
  const svg = metricsPlotSvg('a <short> "job" & more', rows);
  expect(all(attr(element(svg, 'path', 'raw', 'train_loss')!, 'd'), /M/g)).toHaveLength(40);
  expect(svg).toContain('no token accuracy in the metrics file');
  expect(svg).toContain('<title>a &lt;short&gt; &quot;job&quot; &amp; more</title>');
  expect(svg).not.toContain('data-series="train_accuracy"');
});

test('the centered moving average: the window mean inside, a line fit where the window is cut short', () => {
  const noisy = [5, 1, 5, 1, 5, 1, 5].map((y, x) => ({ x, y }));
  expect(centeredMovingAverage(noisy, 1).slice(1, -1).map((p) => p.y)).toEqual([11 / 3, 7 / 3, 11 / 3, 7 / 3, 11 / 3]);
  // A straight line stays itself at every point, the ends included (a plain mean would bend it there).
  const line = Array.from({ length: 9 }, (_, x) => ({ x, y: 3 - 0.5 * x }));
  for (const [i, p] of centeredMovingAverage(line, 3).entries()) expect(p.y).toBeCloseTo(line[i]!.y, 10);
  expect(centeredMovingAverage(noisy, 0)).toEqual(noisy);
});

test('point reduction: the band keeps each range extremes, thinning keeps the last point', () => {
  const points = Array.from({ length: 1000 }, (_, x) => ({ x, y: x === 503 ? 99 : x % 7 }));
  const band = minMaxBand(points, 100);
  expect(band).toHaveLength(100);
  expect(band[50]).toEqual({ x: 504, lo: 0, hi: 99 });
  expect(minMaxBand(points.slice(0, 100), 100)).toEqual([]);
  const thinned = thin(points, 600);
  expect(thinned.length).toBeLessThanOrEqual(600);
  expect(thinned.at(-1)).toEqual(points.at(-1));
});

test('ticks are round numbers covering the data', () => {
  expect(niceTicks(1, 4000, 6)).toEqual({ lo: 0, hi: 4000, values: [0, 1000, 2000, 3000, 4000], decimals: 0 });
  expect(niceTicks(0.31, 0.97)).toMatchObject({ lo: 0.2, hi: 1, decimals: 1 });
  expect(niceTicks(0, 2.3)).toMatchObject({ values: [0, 0.5, 1, 1.5, 2, 2.5], decimals: 1 });
  expect(niceTicks(0.4, 0.4).values.length).toBeGreaterThan(1);
});
