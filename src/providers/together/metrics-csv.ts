import type { TogetherMetrics } from './wire.js';

/**
 * Together has no result file; it serves the step metrics at `GET /fine-tunes/{id}/metrics` as
 * flat dictionaries (`train/loss`, `train/global_step`, `eval/loss`, ...). This writes them as the
 * CSV the shared collect-results code parses and plots, with our column names where one exists
 * (train_loss, valid_loss) and the rest kept under their own names, `/` turned into `_`.
 */
const RENAMED: Record<string, string> = {
  'train/loss': 'train_loss',
  'eval/loss': 'valid_loss',
  'train/learning_rate': 'learning_rate',
};

const STEP_KEYS = ['train/global_step', 'eval/global_step', 'global_step', 'step'];

export const metricsCsv = (body: TogetherMetrics): string => {
  const rows = new Map<number, Record<string, number>>();
  const columns = new Set<string>();
  for (const entry of body.metrics ?? []) {
    const stepKey = STEP_KEYS.find((k) => typeof entry[k] === 'number');
    if (!stepKey) continue;
    const step = entry[stepKey]!;
    const row = rows.get(step) ?? {};
    for (const [key, value] of Object.entries(entry)) {
      if (STEP_KEYS.includes(key) || typeof value !== 'number') continue;
      const column = RENAMED[key] ?? key.replace(/\//g, '_');
      columns.add(column);
      row[column] = value;
    }
    rows.set(step, row);
  }
  const header = ['step', ...columns];
  const lines = [...rows.entries()].sort(([a], [b]) => a - b).map(([step, row]) => [step, ...[...columns].map((c) => row[c] ?? '')].join(','));
  return `${[header.join(','), ...lines].join('\n')}\n`;
};
