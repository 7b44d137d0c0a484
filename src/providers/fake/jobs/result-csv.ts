import type { JobRecord } from './job-record.js';
import { metricsShape } from './checkpoints.js';
import { stepMetrics } from './metrics.js';

/**
 * The `step_metrics.csv` result file (openai-api.md §2.7): one row per step, validation cells
 * empty on steps without validation. Note the header says `train_accuracy` where events say
 * `train_mean_token_accuracy`: that mismatch is the real file's.
 */
export const RESULT_CSV_HEADER = 'step,train_loss,train_accuracy,valid_loss,valid_mean_token_accuracy';

export const resultCsv = (job: JobRecord): string => {
  const shape = metricsShape(job);
  const rows = [RESULT_CSV_HEADER];
  for (let step = 1; step <= job.plan.totalSteps; step++) {
    const m = stepMetrics(job.id, step, shape);
    rows.push([step, m.train_loss, m.train_mean_token_accuracy, m.valid_loss ?? '', m.valid_mean_token_accuracy ?? ''].join(','));
  }
  return `${rows.join('\n')}\n`;
};
