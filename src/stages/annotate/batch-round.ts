import { DEAD_STATUSES, type BatchApi, type RemoteBatch } from './batch-api.js';
import { customIdOf, splitIntoBatches, type BatchAttempt } from './batch-lines.js';
import { pollUntilFinished } from './batch-poll.js';
import { readResultFile, type LineResult } from './batch-results.js';
import { submitChunk, type SubmitContext } from './batch-submit.js';

export interface RoundContext extends SubmitContext {
  limits: { maxRequestsPerBatch: number; maxBytesPerBatch: number };
  pollIntervalMs: number;
  onProgress?: ((text: string) => void) | undefined;
  /** A finished batch's line results by custom id, as soon as it has been read. */
  onResults: (results: Map<string, LineResult>) => void;
}

/** Why a finished batch has no line for a request, and whether another round can help. */
const missingLine = (batch: RemoteBatch): LineResult => {
  switch (batch.status) {
    case 'failed': {
      const why = (batch.errors?.data ?? []).slice(0, 3).map((e) => `${e.line == null ? '' : `line ${e.line}: `}${e.code ?? 'error'}: ${e.message ?? ''}`);
      return { kind: 'failed', retryable: false, message: `batch ${batch.id} failed${why.length > 0 ? `: ${why.join('; ')}` : ''}` };
    }
    case 'cancelled':
      return { kind: 'failed', retryable: false, message: `batch ${batch.id} was cancelled before this request ran` };
    case 'expired':
      return { kind: 'failed', retryable: true, message: `batch ${batch.id} expired (24 h) before this request ran` };
    default:
      return { kind: 'failed', retryable: true, message: `batch ${batch.id} ${batch.status} without a result for this request` };
  }
};

/** Every line a finished batch reports, from its output and error files; its own lines without one get the batch's reason. */
const readBatch = async (api: BatchApi, batch: RemoteBatch, customIds: readonly string[]): Promise<Map<string, LineResult>> => {
  const results = new Map<string, LineResult>();
  for (const fileId of [batch.output_file_id, batch.error_file_id]) {
    if (!fileId) continue;
    for (const [id, result] of readResultFile(await api.download(fileId), `batch ${batch.id}`)) results.set(id, result);
  }
  for (const id of customIds) if (!results.has(id)) results.set(id, missingLine(batch));
  return results;
};

/** Answers bought in an ended batch are kept; its failures are not, as its requests go into a new batch. */
const repliesOnly = (results: Map<string, LineResult>) => new Map([...results].filter(([, r]) => r.kind === 'reply'));

/**
 * One round: the attempts go into batches, and each batch's line results (by custom id) go to
 * `ctx.onResults` as soon as it finishes, including lines of adopted batches this round did not
 * ask for, which were paid for all the same. Batches an earlier run created for requests still
 * wanted are adopted from the state file first; one that ended (failed, expired, cancelled) gives
 * up the answers it has and its other requests go into a new batch. The rest are cut at the
 * limits, submitted once each and polled until finished.
 */
export const runRound = async (attempts: readonly BatchAttempt[], round: number, ctx: RoundContext): Promise<void> => {
  const wanted = new Set(attempts.map((a) => customIdOf(a.key, a.attempt)));
  const answered = new Set<string>();
  const tracked = new Map<string, readonly string[]>();
  const covered = new Set<string>();
  const deliver = (results: Map<string, LineResult>) => {
    for (const [id, result] of results) if (result.kind === 'reply') answered.add(id);
    ctx.onResults(results);
  };

  for (const entry of ctx.state.entries()) {
    if (ctx.consumed.has(entry.batchId) || tracked.has(entry.batchId)) continue;
    const needed = entry.customIds.filter((id) => wanted.has(id) && !covered.has(id) && !answered.has(id));
    if (needed.length === 0) continue;
    const batch = await ctx.api.retrieve(entry.batchId);
    if (DEAD_STATUSES.has(batch.status)) {
      ctx.consumed.add(batch.id);
      deliver(repliesOnly(await readBatch(ctx.api, batch, entry.customIds)));
      ctx.log.info(`batch ${batch.id}, created by an earlier run, ended ${batch.status}; its unanswered requests go into a new batch`);
      continue;
    }
    ctx.log.info(`found batch ${batch.id} (${batch.status}) that an earlier run created for ${needed.length} of these requests; waiting for it instead of creating another`);
    tracked.set(batch.id, entry.customIds);
    for (const id of entry.customIds) covered.add(id);
  }

  const rest = attempts.filter((a) => {
    const id = customIdOf(a.key, a.attempt);
    return !covered.has(id) && !answered.has(id);
  });
  const chunks = splitIntoBatches(rest, ctx.limits);
  if (chunks.length > 0) {
    const listed = await ctx.api.findByHashes(new Set(chunks.map((c) => c.requestsHash)));
    for (const chunk of chunks) tracked.set((await submitChunk(chunk, listed.get(chunk.requestsHash) ?? [], ctx)).id, chunk.customIds);
  }

  await pollUntilFinished(
    [...tracked.keys()],
    { api: ctx.api, intervalMs: ctx.pollIntervalMs, sleep: ctx.sleep, signal: ctx.signal, clock: ctx.clock, label: `batch round ${round}`, onProgress: ctx.onProgress },
    async (batch) => {
      ctx.consumed.add(batch.id);
      deliver(await readBatch(ctx.api, batch, tracked.get(batch.id) ?? []));
    },
  );
};
