import { describeApiError, isRetryable, retryAfterMs } from '../../providers/openai/errors.js';
import type { Clock } from '../../pipeline/clock.js';
import { TunesetError } from '../../pipeline/errors.js';
import type { Logger } from '../../pipeline/logger.js';
import { createOnce } from '../../train/create-once.js';
import type { AnnotationCache } from './annotation-cache.js';
import { DEAD_STATUSES, type BatchApi, type RemoteBatch, type Sleep } from './batch-api.js';
import type { BatchChunk } from './batch-lines.js';
import type { BatchStateFile } from './batch-state.js';

export interface SubmitContext {
  api: BatchApi;
  state: BatchStateFile;
  cache: AnnotationCache;
  clock: Clock;
  log: Logger;
  sleep: Sleep;
  signal: AbortSignal;
  /** Batches whose results this run has read: never adopted again, so their failed lines can go into a new batch. */
  consumed: Set<string>;
}

/**
 * Gets one batch running for a chunk, at most once: a batch tagged with the chunk's requests that
 * is still usable is adopted (a run killed between create and writing the state file left it
 * there); otherwise the lines are marked sent in the cache, uploaded and the batch created, and its
 * state line written the moment create returns. A create that fails is looked up again before it
 * is retried (train's createOnce), since the server may have committed it. `listed` is what the
 * round's listing found for this chunk's hash.
 */
export const submitChunk = async (chunk: BatchChunk, listed: readonly RemoteBatch[], ctx: SubmitContext): Promise<RemoteBatch> => {
  const n = chunk.customIds.length;
  let lookups = 0;
  let inputFileId: string | undefined;
  const reported = new Set<string>();
  const usable = (found: readonly RemoteBatch[]) => {
    const live = found.find((b) => !DEAD_STATUSES.has(b.status) && !ctx.consumed.has(b.id));
    if (live !== undefined) return live;
    // Batches this run has read already go unmentioned: sending their failed lines again is the point.
    for (const b of found) {
      if (ctx.consumed.has(b.id) || reported.has(b.id)) continue;
      reported.add(b.id);
      ctx.log.info(`batch ${b.id} for these ${n} requests ended ${b.status}; creating a new batch for them`);
    }
    return undefined;
  };
  let result: { value: RemoteBatch; created: boolean };
  try {
    result = await createOnce({
      // The round's listing serves the first lookup; after a failed create, list again.
      find: async () => usable(lookups++ === 0 ? listed : ((await ctx.api.findByHashes(new Set([chunk.requestsHash]))).get(chunk.requestsHash) ?? [])),
      create: async () => {
        if (inputFileId === undefined) {
          for (const a of chunk.attempts) ctx.cache.markSent(a.key, a.attempt, ctx.clock.now());
          inputFileId = await ctx.api.upload(`tuneset-batch-${chunk.requestsHash}.jsonl`, chunk.content);
        }
        return ctx.api.create(inputFileId, chunk.requestsHash);
      },
      retryable: isRetryable,
      retryAfterMs,
      sleep: (attempt, after) => ctx.sleep(after ?? Math.min(500 * 2 ** attempt, 8000), ctx.signal),
      attempts: 6,
    });
  } catch (error) {
    // Upload and listing errors are described already; a create's is the SDK's own.
    if (ctx.signal.aborted || error instanceof TunesetError) throw error;
    throw describeApiError(`creating a batch of ${n} requests`, error, []);
  }
  const batch = result.value;
  if (!ctx.state.has(batch.id)) {
    ctx.state.append({
      requestsHash: chunk.requestsHash,
      inputFileId: batch.input_file_id,
      batchId: batch.id,
      createdAt: new Date(batch.created_at * 1000).toISOString(),
      customIds: chunk.customIds,
    });
  }
  ctx.log.info(
    result.created
      ? `created batch ${batch.id} for ${n} requests (${chunk.content.length} bytes)`
      : `found batch ${batch.id} (${batch.status}), already created for these ${n} requests; waiting for it instead of creating another`,
  );
  return batch;
};
