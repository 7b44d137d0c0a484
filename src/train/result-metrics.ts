import { parse } from 'csv-parse/sync';

export interface MetricsRow {
  step: number;
  [column: string]: number | null;
}

const BASE64 = /^[A-Za-z0-9+/=\s]+$/;

/**
 * The result file's text. OpenAI serves step_metrics.csv base64-encoded (openai-api.md §0.4): a
 * first line with no comma in the base64 alphabet is decoded; plain CSV is taken as it is.
 */
export const decodeResultFile = (content: Buffer): string => {
  const text = content.toString('utf8').replace(/^\uFEFF/, '');
  const firstLine = text.split('\n', 1)[0] ?? '';
  return !firstLine.includes(',') && BASE64.test(text.trim()) ? Buffer.from(text.trim(), 'base64').toString('utf8') : text;
};

/** Parses the metrics CSV by header name (columns have been added over time), numbers or null. */
export const parseMetricsCsv = (csv: string): { columns: string[]; rows: MetricsRow[] } => {
  const records = parse(csv, { columns: true, skip_empty_lines: true, trim: true }) as Record<string, string>[];
  const columns = records.length > 0 ? Object.keys(records[0]!) : [];
  if (!columns.includes('step')) throw new Error(`metrics file has no "step" column (columns: ${columns.join(', ') || 'none'})`);
  const rows = records.map((r) => {
    const row: MetricsRow = { step: Number(r['step']) };
    for (const c of columns) if (c !== 'step') row[c] = r[c] === '' || r[c] === undefined || Number.isNaN(Number(r[c])) ? null : Number(r[c]);
    return row;
  });
  return { columns, rows };
};

export const metricsToCsv = (columns: string[], rows: MetricsRow[]): string =>
  `${[columns.join(','), ...rows.map((r) => columns.map((c) => (r[c] === null || r[c] === undefined ? '' : String(r[c]))).join(','))].join('\n')}\n`;
