import type OpenAI from 'openai';
import type { Logger } from '../../pipeline/logger.js';
import type { AttemptContext, Outcome, PendingRequest } from './online-runner.js';

export interface BatchSettings {
  pollIntervalMs: number;
  maxRequestsPerBatch: number;
  maxBytesPerBatch: number;
}

export interface BatchContext extends AttemptContext {
  client: OpenAI;
  /** Where the batches' state is kept (under the cache directory, shared by runs). */
  stateDir: string;
  settings: BatchSettings;
  signal: AbortSignal;
  log: Logger;
  onProgress?: (text: string) => void;
}

/** Resolves requests through the Batch API. Placeholder until the batch runner lands. */
export const resolveInBatches = async (_requests: readonly PendingRequest[], _ctx: BatchContext): Promise<Map<string, Outcome>> => {
  throw new Error('batch mode is not implemented yet');
};
