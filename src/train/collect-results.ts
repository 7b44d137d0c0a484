import { join } from 'node:path';
import { writeFileAtomic } from '../pipeline/atomic-file.js';
import { metricsPlotSvg } from '../report/metrics-plot.js';
import { decodeResultFile, metricsToCsv, parseMetricsCsv } from './result-metrics.js';
import type { Checkpoint, RemoteJob, Trainer } from './trainer.js';

export interface TrainingResults {
  checkpoints: Checkpoint[];
  /** Files written into the run directory. */
  written: string[];
  steps: number;
}

/** After success: the checkpoints, and the step metrics as metrics.csv and a metrics.svg plot. */
export const collectResults = async (trainer: Trainer, job: RemoteJob, runDir: string | undefined): Promise<TrainingResults> => {
  const checkpoints = await trainer.listCheckpoints(job.id);
  const written: string[] = [];
  let steps = 0;
  const resultFile = job.resultFiles[0];
  if (resultFile && runDir) {
    const { columns, rows } = parseMetricsCsv(decodeResultFile(await trainer.downloadFile(resultFile)));
    steps = rows.length;
    writeFileAtomic(join(runDir, 'metrics.csv'), metricsToCsv(columns, rows));
    writeFileAtomic(join(runDir, 'metrics.svg'), metricsPlotSvg(`${job.fineTunedModel ?? job.id}: loss and accuracy by step`, rows));
    written.push('metrics.csv', 'metrics.svg');
  }
  return { checkpoints, written, steps };
};
