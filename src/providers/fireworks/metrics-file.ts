/**
 * A finished job's metrics file (the job's `metricsFileSignedUrl`) as the step-metrics CSV the
 * rest of tuneset reads (train/result-metrics.ts). Fireworks' reference names the field but not
 * the file's layout; what users' code reads from it is JSON lines with a `step` and the values
 * either beside it or under `data`, named `train/loss`-style. Those names become ours
 * (`train/loss` → `train_loss`, `eval/loss` → `valid_loss`); any other name keeps its words with
 * `/` as `_`, so nothing Fireworks reports is dropped.
 */
const RENAMED: Record<string, string> = {
  'train/loss': 'train_loss',
  loss: 'train_loss',
  'train/mean_token_accuracy': 'train_mean_token_accuracy',
  'eval/loss': 'valid_loss',
  eval_loss: 'valid_loss',
  'eval/mean_token_accuracy': 'valid_mean_token_accuracy',
};

const columnFor = (key: string): string => RENAMED[key] ?? key.replace(/[^A-Za-z0-9_]+/g, '_');

const csvCell = (v: number | undefined): string => (v === undefined ? '' : String(v));

export const metricsJsonlToCsv = (text: string): string => {
  const rows: Map<string, number>[] = [];
  const columns: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch {
      continue;
    }
    if (!record || typeof record !== 'object') continue;
    const r = record as Record<string, unknown>;
    const step = Number(r['step']);
    if (!Number.isFinite(step)) continue;
    const values = r['data'] && typeof r['data'] === 'object' ? (r['data'] as Record<string, unknown>) : r;
    const row = new Map<string, number>([['step', Math.trunc(step)]]);
    for (const [key, value] of Object.entries(values)) {
      if (key === 'step' || typeof value !== 'number' || !Number.isFinite(value)) continue;
      const column = columnFor(key);
      if (!columns.includes(column)) columns.push(column);
      row.set(column, value);
    }
    rows.push(row);
  }
  rows.sort((a, b) => a.get('step')! - b.get('step')!);
  const header = ['step', ...columns];
  return `${[header.join(','), ...rows.map((row) => header.map((c) => csvCell(row.get(c))).join(','))].join('\n')}\n`;
};
