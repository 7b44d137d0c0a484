import type { TokenReport } from '../train/handoff-preview.js';
import { absent, fmt, html, percent, section, table, type Html } from './html.js';
import { histogramSvg, type HistogramBin } from './svg-charts.js';

const BINS = 40;
const DROPPED = 'dropped over the limit';

/**
 * Fixed-count bins over the token counts: [0, domain) where the domain reaches the limit when the
 * limit is near the longest example (within half again), else just past the longest example.
 */
const tokenBins = (counts: ReadonlyMap<number, Record<string, number>>, overLimit: ReadonlyMap<number, number>, limit: number | undefined): { bins: HistogramBin[]; domain: number } => {
  let longest = 0;
  for (const t of [...counts.keys(), ...overLimit.keys()]) if (t > longest) longest = t;
  const reach = limit !== undefined && limit <= longest * 1.5 ? Math.max(longest, limit) : longest;
  const width = Math.max(1, Math.ceil((reach * 1.05 + 1) / BINS));
  const bins: HistogramBin[] = Array.from({ length: BINS }, (_, i) => ({ lo: i * width, hi: (i + 1) * width, counts: {} }));
  const add = (tokens: number, series: string, n: number) => {
    const b = bins[Math.min(BINS - 1, Math.max(0, Math.floor(tokens / width)))]!;
    b.counts[series] = (b.counts[series] ?? 0) + n;
  };
  for (const [t, bySplit] of counts) for (const [split, n] of Object.entries(bySplit)) add(t, split, n);
  for (const [t, n] of overLimit) add(t, DROPPED, n);
  return { bins, domain: BINS * width };
};

export interface TokenSectionInput {
  report: TokenReport | undefined;
  limit: number | undefined;
  counts: ReadonlyMap<number, Record<string, number>>;
  overLimit: ReadonlyMap<number, number>;
  droppedOverLimit: number;
  flaggedOverLimit: number;
  splits: readonly string[];
}

/** The token-length histogram against the model's limit, and token-check's numbers per split. */
export const tokensSection = (i: TokenSectionInput): Html => {
  if (i.counts.size === 0 && i.overLimit.size === 0) {
    return section('tokens', 'Token lengths', absent('No token counts: the pipeline has no token-check stage, or no example was written.'));
  }
  const { bins, domain } = tokenBins(i.counts, i.overLimit, i.limit);
  const series = [...i.splits, ...(i.overLimit.size > 0 ? [DROPPED] : [])];
  const longest = Math.max(0, ...i.counts.keys());
  const limitNote =
    i.limit === undefined
      ? html`<p>The model's token limit is not known for this run.</p>`
      : html`<p>Limit: <b>${fmt(i.limit)}</b> tokens per training example${i.report ? html` (${i.report.model}, counted with ${i.report.tokenizer ?? i.report.encoding ?? 'its tokenizer'})` : ''}. The longest example written has ${fmt(longest)} tokens (${percent(longest / i.limit)} of the limit). ${fmt(i.droppedOverLimit)} dropped over the limit${i.flaggedOverLimit > 0 ? html`, ${fmt(i.flaggedOverLimit)} kept and flagged over it` : ''}.</p>`;
  const rows = Object.entries(i.report?.splits ?? {}).map(([split, s]) => [split, fmt(s.examples), fmt(s.tokens.total), fmt(s.tokens.min), fmt(s.tokens.median), fmt(s.tokens.p95), fmt(s.tokens.max)]);
  return section(
    'tokens',
    'Token lengths',
    html`${histogramSvg(bins, series, i.limit, domain)}${limitNote}${rows.length > 0 ? table(['split', 'examples', 'tokens', 'min', 'median', 'p95', 'max'], rows, 'numbers') : ''}`,
  );
};
