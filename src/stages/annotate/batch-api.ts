import OpenAI, { toFile } from 'openai';
import { describeApiError, isRetryable, retryAfterMs } from '../../providers/openai/errors.js';
import { BATCH_ENDPOINT } from './batch-lines.js';
import { RequestSignals } from './online-runner.js';

export type RemoteBatch = OpenAI.Batches.Batch;

/** The metadata key naming a batch's requests (see requestsHash). */
export const REQUESTS_KEY = 'tuneset_requests';

/** Statuses after which a batch answers nothing more: its requests may go into a new batch. */
export const DEAD_STATUSES: ReadonlySet<string> = new Set(['failed', 'expired', 'cancelled']);
export const FINISHED_STATUSES: ReadonlySet<string> = new Set(['completed', ...DEAD_STATUSES]);

/** Waits `ms` unless `signal` aborts first; tests replace it to move a fake clock instead. */
export type Sleep = (ms: number, signal: AbortSignal) => Promise<void>;

export const abortableSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const done = () => (signal.removeEventListener('abort', abort), resolve());
    const timer = setTimeout(done, ms);
    const abort = () => (clearTimeout(timer), reject(signal.reason));
    signal.addEventListener('abort', abort, { once: true });
  });

export interface BatchApiOptions {
  sleep: Sleep;
  signal: AbortSignal;
  /** Tries per call before its error stops the stage. @default 6 */
  attempts?: number;
}

/**
 * The Batch API calls annotation makes, each tried again after a 429, a 5xx or a dropped
 * connection (the client has the SDK's own retries off), waiting what Retry-After says or a
 * doubling 0.5 s..8 s. Creating a batch is not retried here: batch-submit.ts looks it up first.
 */
export class BatchApi {
  readonly #attempts: number;
  readonly #signals: RequestSignals;

  constructor(
    readonly client: OpenAI,
    readonly o: BatchApiOptions,
  ) {
    this.#attempts = o.attempts ?? 6;
    this.#signals = new RequestSignals(o.signal);
  }

  async call<T>(doing: string, fn: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await fn();
      } catch (error) {
        if (this.o.signal.aborted) throw error;
        if (attempt + 1 >= this.#attempts || !isRetryable(error)) throw describeApiError(doing, error, []);
        await this.o.sleep(retryAfterMs(error) ?? Math.min(500 * 2 ** attempt, 8000), this.o.signal);
      }
    }
  }

  /** Uploads an input file (purpose `batch`). A retried upload whose first answer was lost leaves a stray file, never a second batch. */
  upload(name: string, content: Buffer): Promise<string> {
    return this.call(`uploading batch input ${name}`, async () => {
      const file = await toFile(content, name, { type: 'application/jsonl' });
      return this.#request(async (options) => (await this.client.files.create({ file, purpose: 'batch' }, options)).id);
    });
  }

  /** One create, no retry: a lost answer may hide a committed batch, so the caller looks up before trying again. */
  create(inputFileId: string, requestsHash: string): Promise<RemoteBatch> {
    return this.#request((options) =>
      this.client.batches.create({ input_file_id: inputFileId, endpoint: BATCH_ENDPOINT, completion_window: '24h', metadata: { [REQUESTS_KEY]: requestsHash } }, options),
    );
  }

  retrieve(id: string): Promise<RemoteBatch> {
    return this.call(`retrieving batch ${id}`, () => this.#request((options) => this.client.batches.retrieve(id, options)));
  }

  /**
   * The account's batches tagged with any of these request sets, newest first, by set. The list has
   * no metadata filter, so it is read to its end (100 a page), once for all of a round's batches.
   */
  findByHashes(hashes: ReadonlySet<string>): Promise<Map<string, RemoteBatch[]>> {
    return this.call('listing batches', () =>
      this.#request(async (options) => {
        const found = new Map<string, RemoteBatch[]>();
        for await (const b of this.client.batches.list({ limit: 100 }, options)) {
          const hash = (b.metadata as Record<string, string> | null | undefined)?.[REQUESTS_KEY];
          if (hash !== undefined && hashes.has(hash)) found.set(hash, [...(found.get(hash) ?? []), b]);
        }
        return found;
      }),
    );
  }

  download(fileId: string): Promise<string> {
    return this.call(`downloading batch file ${fileId}`, () => this.#request(async (options) => (await this.client.files.content(fileId, options)).text()));
  }

  // A signal of its own per call: the SDK adds an abort listener to the signal of every request
  // and never removes it, and a day of polling on the run's signal would pile them up.
  async #request<T>(fn: (options: { maxRetries: 0; signal: AbortSignal }) => Promise<T>): Promise<T> {
    const { signal, done } = this.#signals.open();
    try {
      return await fn({ maxRetries: 0, signal });
    } finally {
      done();
    }
  }
}
