import { sha256 } from '../../../pipeline/hash.js';
import { ApiError } from '../api-error.js';
import { createChatCompletion } from '../chat/complete.js';
import type { FakeCore } from '../core.js';
import { storeProcessedFile } from '../processed-file.js';
import { hashAlphanumeric, hashSeed, seededRng } from '../random.js';
import { BATCH_TERMINAL, batchState, type BatchRecord, type BatchUsage } from './batch-record.js';

/**
 * Runs a finished batch's requests through the same chat completion code as the live endpoint and
 * stores the output and error files. Output lines come back in a shuffled (seeded) order, as the
 * real service does not keep input order: clients must join on `custom_id`.
 */

const requestId = (batchId: string, customId: string) => `req_${sha256(`${batchId}:${customId}`).slice(0, 32)}`;

const shuffle = <T>(items: T[], seed: number): T[] => {
  const rng = seededRng(seed);
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
};

const storeJsonl = (core: FakeCore, batchId: string, kind: 'output' | 'error', lines: string[], createdAt: number): string => {
  const content = Buffer.from(lines.map((l) => `${l}\n`).join(''), 'utf8');
  const id = core.ids.file();
  storeProcessedFile(core.store, { id, created_at: createdAt, expires_at: null, filename: `${batchId}_${kind}.jsonl`, purpose: 'batch_output', content });
  return id;
};

const runBatch = async (core: FakeCore, batch: BatchRecord, processed: number, finishedAt: number): Promise<void> => {
  const output: string[] = [];
  const errors: string[] = [];
  const usage: BatchUsage = { input_tokens: 0, output_tokens: 0, total_tokens: 0, input_tokens_details: { cached_tokens: 0 }, output_tokens_details: { reasoning_tokens: 0 } };
  for (const line of batch.lines.slice(0, processed)) {
    const id = `batch_req_${hashAlphanumeric(`${batch.id}:${line.customId}`, 32)}`;
    const request_id = requestId(batch.id, line.customId);
    try {
      const body = await createChatCompletion(core, line.body);
      usage.input_tokens += body.usage.prompt_tokens;
      usage.output_tokens += body.usage.completion_tokens;
      output.push(JSON.stringify({ id, custom_id: line.customId, response: { status_code: 200, request_id, body }, error: null }));
    } catch (error) {
      const apiError = error instanceof ApiError ? error : new ApiError(500, `The fake OpenAI server failed: ${(error as Error).message}`, 'server_error');
      errors.push(JSON.stringify({ id, custom_id: line.customId, response: { status_code: apiError.status, request_id, body: apiError.body() }, error: null }));
    }
  }
  usage.total_tokens = usage.input_tokens + usage.output_tokens;
  const at = Math.floor(finishedAt);
  batch.outputFileId = output.length > 0 ? storeJsonl(core, batch.id, 'output', shuffle(output, hashSeed(batch.id)), at) : null;
  batch.errorFileId = errors.length > 0 ? storeJsonl(core, batch.id, 'error', errors, at) : null;
  batch.counts = { completed: output.length, failed: errors.length };
  batch.usage = usage;
};

/** Computes results for batches that ended since the last request (see sync-to-clock.ts). */
export const finalizeBatches = async (core: FakeCore, batches: Iterable<BatchRecord>, now = core.clock.nowFractionalSeconds()): Promise<void> => {
  const pending: Promise<void>[] = [];
  for (const batch of batches) {
    if (!batch.finalizing) {
      const state = batchState(batch, now);
      if (!BATCH_TERMINAL.has(state.status) || state.status === 'failed') continue;
      const finishedAt = state.at.completed ?? state.at.cancelled ?? now;
      batch.finalizing = runBatch(core, batch, state.processed, finishedAt);
    }
    pending.push(batch.finalizing);
  }
  await Promise.all(pending);
};
