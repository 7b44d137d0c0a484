import type { ChatRequestBody } from '../../chat/chat-transport.js';
import { TunesetError } from '../../pipeline/errors.js';
import { sha256 } from '../../pipeline/hash.js';

/** The endpoint every line of an annotation batch calls (and the batch is created for). */
export const BATCH_ENDPOINT = '/v1/chat/completions';

/** One attempt of one request, priced and reserved, on its way into a batch. */
export interface BatchAttempt {
  key: string;
  attempt: number;
  /** The exact body online mode would send for this attempt. */
  body: ChatRequestBody;
  inputTokens: number;
  reservedUsd: number;
}

/** A batch line's id: the cache key and the attempt, so an output line maps back to both. */
export const customIdOf = (key: string, attempt: number): string => `${key}#${attempt}`;

export const parseCustomId = (id: string): { key: string; attempt: number } | undefined => {
  const m = /^(.+)#(\d+)$/.exec(id);
  return m ? { key: m[1]!, attempt: Number(m[2]) } : undefined;
};

export const batchLine = (a: BatchAttempt): string =>
  `${JSON.stringify({ custom_id: customIdOf(a.key, a.attempt), method: 'POST', url: BATCH_ENDPOINT, body: a.body })}\n`;

/**
 * Names a set of requests whatever their order: the batch's `metadata.tuneset_requests` and the
 * state file's key, so a restarted run recognises a batch it created for the same requests. 32 hex
 * digits (128 bits) keep it well inside the API's 512-character metadata values.
 */
export const requestsHash = (customIds: readonly string[]): string => sha256([...customIds].sort().join('\n')).slice(0, 32);

export interface BatchChunk {
  attempts: BatchAttempt[];
  customIds: string[];
  content: Buffer;
  requestsHash: string;
}

/**
 * Cuts attempts, in order, into batch input files of at most `maxRequests` lines and `maxBytes`
 * bytes (the API's limits: 50,000 requests, 200 MB). Greedy from the front, so a restarted run
 * that drops the batches it already found cuts the rest into the same files again.
 */
export const splitIntoBatches = (attempts: readonly BatchAttempt[], limits: { maxRequestsPerBatch: number; maxBytesPerBatch: number }): BatchChunk[] => {
  const chunks: BatchChunk[] = [];
  let lines: string[] = [];
  let members: BatchAttempt[] = [];
  let bytes = 0;
  const close = () => {
    if (members.length === 0) return;
    const customIds = members.map((a) => customIdOf(a.key, a.attempt));
    chunks.push({ attempts: members, customIds, content: Buffer.from(lines.join(''), 'utf8'), requestsHash: requestsHash(customIds) });
    lines = [];
    members = [];
    bytes = 0;
  };
  for (const a of attempts) {
    const line = batchLine(a);
    const size = Buffer.byteLength(line, 'utf8');
    if (size > limits.maxBytesPerBatch) {
      throw new TunesetError(`annotation request ${customIdOf(a.key, a.attempt)} is ${size} bytes as a batch line, more than maxBytesPerBatch (${limits.maxBytesPerBatch}); raise batch.maxBytesPerBatch or use mode 'online'`);
    }
    if (members.length >= limits.maxRequestsPerBatch || bytes + size > limits.maxBytesPerBatch) close();
    lines.push(line);
    members.push(a);
    bytes += size;
  }
  close();
  return chunks;
};
