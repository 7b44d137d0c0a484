import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { z } from 'zod';
import type { FakeOpenAI } from '../../../src/providers/fake/index.js';
import { fixedClock } from '../../../src/pipeline/clock.js';
import { silentLogger, type Logger } from '../../../src/pipeline/logger.js';
import { AnnotationCache } from '../../../src/stages/annotate/annotation-cache.js';
import { buildRequest, responseFormatFor } from '../../../src/stages/annotate/annotation-request.js';
import type { BatchContext } from '../../../src/stages/annotate/batch-runner.js';
import { Budget } from '../../../src/stages/annotate/budget.js';
import type { PendingRequest } from '../../../src/stages/annotate/online-runner.js';

export const schema = z.object({ topic: z.string(), difficulty: z.enum(['easy', 'hard']) });

/** Requests as the annotator builds them: `What is i plus i?` for each i. */
export const pendingRequests = (n: number, from = 0): PendingRequest[] =>
  Array.from({ length: n }, (_, k) => {
    const messages = [{ role: 'user' as const, content: `Label this question: What is ${from + k} plus ${from + k}?` }];
    const request = buildRequest(
      { family: 'openai:fake', model: 'gpt-4o-mini', responseFormat: responseFormatFor(schema, 'annotate'), sampling: { temperature: 0, max_completion_tokens: 100 } },
      messages,
    );
    return { key: request.key, body: request.body, messages };
  });

/** $1 per input token and $2 per output token: costs are easy to check by hand. */
export const cost = (i: number, o: number) => i + 2 * o;

export interface Harness {
  ctx: BatchContext;
  cache: AnnotationCache;
  cacheDir: string;
  logs: string[];
  progress: string[];
  controller: AbortController;
}

/**
 * A batch context against the fake: the poll wait moves the fake's frozen clock instead of
 * sleeping, so a batch's 80 simulated seconds pass in a few polls. `cacheDir` is shared across
 * harnesses to simulate a re-run.
 */
export const harness = (fake: FakeOpenAI, o: { cacheDir?: string; maxCost?: number; maxAttempts?: number; settings?: Partial<BatchContext['settings']> } = {}): Harness => {
  const cacheDir = o.cacheDir ?? mkdtempSync(join(tmpdir(), 'tuneset-batch-'));
  const cache = new AnnotationCache(cacheDir);
  const logs: string[] = [];
  const progress: string[] = [];
  const log: Logger = { ...silentLogger, info: (m) => void logs.push(m), warn: (m) => void logs.push(`warn: ${m}`) };
  const controller = new AbortController();
  const ctx: BatchContext = {
    cache,
    budget: new Budget(o.maxCost),
    clock: fixedClock('2026-12-01T12:00:00Z'),
    schema,
    maxAttempts: o.maxAttempts ?? 3,
    inputTokens: (messages) => messages.reduce((n, m) => n + m.content.length, 0),
    outputTokens: (text) => text.length,
    maxOutputTokens: 100,
    cost,
    client: new OpenAI({ apiKey: 'sk-test', baseURL: fake.baseURL, maxRetries: 0 }),
    stateDir: cacheDir,
    settings: { pollIntervalMs: 30_000, maxRequestsPerBatch: 50_000, maxBytesPerBatch: 200 * 1024 * 1024, ...o.settings },
    signal: controller.signal,
    log,
    onProgress: (text) => void progress.push(text),
    sleep: async (ms, signal) => {
      signal.throwIfAborted();
      fake.clock.advance(ms / 1000);
    },
  };
  return { ctx, cache, cacheDir, logs, progress, controller };
};

export const batchCreates = (fake: FakeOpenAI) => fake.requests.filter((r) => r.method === 'POST' && r.route === '/v1/batches');

/** The JSONL lines of every batch input file uploaded, per file, in upload order. */
export const uploadedInputs = (fake: FakeOpenAI) =>
  [...fake.state.files.values()]
    .filter((f) => f.purpose === 'batch')
    .sort((a, b) => a.seq - b.seq)
    .map((f) => f.content.toString('utf8').trim().split('\n').map((l) => JSON.parse(l) as { custom_id: string; method: string; url: string; body: Record<string, unknown> }));

export const stateLines = (dir: string) =>
  readFileSync(join(dir, 'batches.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { requestsHash: string; batchId: string; inputFileId: string; customIds: string[] });
