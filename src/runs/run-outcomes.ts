import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TunesetError } from '../pipeline/errors.js';
import { isRecord } from '../pipeline/item.js';
import { trainStatePath } from '../train/train-state.js';
import type { RunSummary } from './types.js';

/** A JSON file a command added to the run, or undefined when it is not there. */
const readJson = (path: string): unknown => {
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new TunesetError(`${path}: not valid JSON (${(error as Error).message})`);
  }
};

/** The job `tuneset train` created for the run (train-state.json); none before a job exists. */
export const readTraining = (runDir: string): RunSummary['training'] => {
  const state = readJson(trainStatePath(runDir));
  if (!isRecord(state) || !isRecord(state['job']) || typeof state['job']['id'] !== 'string') return undefined;
  const job = state['job'];
  return {
    provider: typeof state['provider'] === 'string' ? state['provider'] : 'openai',
    jobId: job['id'] as string,
    status: typeof job['status'] === 'string' ? job['status'] : 'unknown',
    fineTunedModel: typeof job['fineTunedModel'] === 'string' ? job['fineTunedModel'] : null,
  };
};

/** Each model's accuracy in the run's latest evaluation (`<run-dir>/eval.json`, src/train/eval/eval-record.ts). */
export const readEval = (runDir: string): RunSummary['eval'] => {
  const record = readJson(join(runDir, 'eval.json'));
  if (!isRecord(record) || typeof record['evaluatedAt'] !== 'string' || !Array.isArray(record['results'])) return undefined;
  const accuracy = new Map<string, number>();
  for (const r of record['results']) if (isRecord(r) && typeof r['model'] === 'string' && typeof r['accuracy'] === 'number') accuracy.set(r['model'], r['accuracy']);
  return { evaluatedAt: record['evaluatedAt'], accuracy: Object.fromEntries(accuracy) };
};
