import { join } from 'node:path';
import { isRecord } from '../pipeline/item.js';
import { trainStatePath } from '../train/train-state.js';
import { headlineScores, readEvalJson } from './eval-json.js';
import { readRunJson } from './read-run-json.js';
import type { RunSummary } from './types.js';

/** The job `tuneset train` created for the run (train-state.json); none before a job exists. */
export const readTraining = (runDir: string): RunSummary['training'] => {
  const state = readRunJson(trainStatePath(runDir));
  if (!isRecord(state) || !isRecord(state['job']) || typeof state['job']['id'] !== 'string') return undefined;
  const job = state['job'];
  return {
    provider: typeof state['provider'] === 'string' ? state['provider'] : 'openai',
    jobId: job['id'] as string,
    status: typeof job['status'] === 'string' ? job['status'] : 'unknown',
    fineTunedModel: typeof job['fineTunedModel'] === 'string' ? job['fineTunedModel'] : null,
  };
};

/**
 * The run's latest evaluation (`<run-dir>/eval.json`) summed up: each model's score on the held-out
 * split by its first scorer. Reads version 2 and the older accuracy-only shape (src/runs/eval-json.ts).
 */
export const readEval = (runDir: string): RunSummary['eval'] => {
  const record = readEvalJson(join(runDir, 'eval.json'));
  return record ? headlineScores(record) : undefined;
};
