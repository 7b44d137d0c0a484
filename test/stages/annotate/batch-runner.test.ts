import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import OpenAI from 'openai';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../../src/providers/fake/api-error.js';
import { startFakeOpenAI, type FakeOpenAI } from '../../../src/providers/fake/index.js';
import { checkReply, retryTurn } from '../../../src/stages/annotate/answer-check.js';
import { requestsHash } from '../../../src/stages/annotate/batch-lines.js';
import { resolveInBatches } from '../../../src/stages/annotate/batch-runner.js';
import type { Outcome } from '../../../src/stages/annotate/online-runner.js';
import { batchCreates, cost, harness, pendingRequests, schema, stateLines, uploadedInputs } from './batch-fixture.js';

let fake: FakeOpenAI;
beforeEach(async () => {
  fake = await startFakeOpenAI({ now: '2026-12-01T12:00:00Z' });
});
afterEach(async () => {
  await fake.close();
});

const inOrder = (outcomes: Map<string, Outcome>, requests: { key: string }[]) => requests.map((r) => outcomes.get(r.key)!);
const ids = (requests: { key: string }[], attempt = 0) => requests.map((r) => `${r.key}#${attempt}`);
const killedAfterCreate = (h: ReturnType<typeof harness>) => {
  h.ctx.sleep = async (_ms, signal) => {
    h.controller.abort(new Error('killed'));
    signal.throwIfAborted();
  };
};

describe('annotate batch runner', () => {
  it('sends every request as one batch line with the online body, records answers at half price and the batch in the state file', async () => {
    const requests = pendingRequests(3);
    const h = harness(fake);
    const outcomes = await resolveInBatches(requests, h.ctx);

    expect(inOrder(outcomes, requests).map((o) => [o.kind, o.kind === 'answer' ? o.attempts : 0])).toEqual([['answer', 1], ['answer', 1], ['answer', 1]]);
    expect(uploadedInputs(fake)).toEqual([requests.map((r) => ({ custom_id: `${r.key}#0`, method: 'POST', url: '/v1/chat/completions', body: r.body }))]);
    const creates = batchCreates(fake);
    expect(creates.map((c) => c.body)).toEqual([
      { input_file_id: expect.stringMatching(/^file-/), endpoint: '/v1/chat/completions', completion_window: '24h', metadata: { tuneset_requests: requestsHash(ids(requests)) } },
    ]);
    expect(requestsHash(ids(requests))).toMatch(/^[0-9a-f]{32}$/);

    let spent = 0;
    for (const r of requests) {
      const [reply] = h.cache.replies(r.key);
      expect(reply).toMatchObject({ attempt: 0, via: 'batch', finishReason: 'stop' });
      // Batch API price: half of what the online price function says.
      expect(reply!.costUsd).toBe(cost(reply!.usage!.promptTokens, reply!.usage!.completionTokens) / 2);
      spent += reply!.costUsd!;
    }
    expect(h.ctx.budget.spentUsd).toBeCloseTo(spent, 9);
    expect(h.ctx.budget.inFlightUsd).toBe(0);

    const [batchId] = [...fake.state.batches.keys()];
    const inputFileId = (creates[0]!.body as { input_file_id: string }).input_file_id;
    expect(stateLines(h.cacheDir)).toEqual([{ requestsHash: requestsHash(ids(requests)), inputFileId, batchId, createdAt: '2026-12-01T12:00:00.000Z', customIds: ids(requests) }]);
    // Each line is written as sent before the upload, then its answer.
    const cacheLines = readFileSync(join(h.cacheDir, 'answers.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(cacheLines.slice(0, 3).map((l) => [l['key'], l['sent']])).toEqual(requests.map((r) => [r.key, 0]));
    expect(cacheLines.slice(3).every((l) => 'reply' in l)).toBe(true);
    expect(h.progress).toEqual([
      'batch round 1: 0/3 requests done in 1 batch (validating 1)',
      'batch round 1: 1/3 requests done in 1 batch (in_progress 1)',
      'batch round 1: 2/3 requests done in 1 batch (in_progress 1)',
      'batch round 1: 3/3 requests done in 1 batch (completed 1)',
    ]);
  });

  it('splits the requests at maxRequestsPerBatch', async () => {
    const requests = pendingRequests(5);
    const h = harness(fake, { settings: { maxRequestsPerBatch: 2 } });
    const outcomes = await resolveInBatches(requests, h.ctx);

    expect([...outcomes.values()].every((o) => o.kind === 'answer')).toBe(true);
    expect(uploadedInputs(fake).map((lines) => lines.map((l) => l.custom_id))).toEqual([ids(requests.slice(0, 2)), ids(requests.slice(2, 4)), ids(requests.slice(4))]);
    expect(batchCreates(fake).map((c) => (c.body as { metadata: Record<string, string> }).metadata['tuneset_requests'])).toEqual([
      requestsHash(ids(requests.slice(0, 2))),
      requestsHash(ids(requests.slice(2, 4))),
      requestsHash(ids(requests.slice(4))),
    ]);
    expect(h.progress.at(-1)).toBe('batch round 1: 5/5 requests done in 3 batches (completed 3)');
  });

  it('splits the requests at maxBytesPerBatch (bytes of the JSONL)', async () => {
    const requests = pendingRequests(5);
    const lineBytes = Buffer.byteLength(`${JSON.stringify({ custom_id: `${requests[0]!.key}#0`, method: 'POST', url: '/v1/chat/completions', body: requests[0]!.body })}\n`);
    await resolveInBatches(requests, harness(fake, { settings: { maxBytesPerBatch: 3 * lineBytes } }).ctx);
    expect(uploadedInputs(fake).map((lines) => lines.length)).toEqual([3, 2]);
    expect([...fake.state.files.values()].filter((f) => f.purpose === 'batch').map((f) => f.bytes)).toEqual([3 * lineBytes, 2 * lineBytes]);
  });

  it('a run killed after creating its batch is resumed by the next: it waits for that batch and creates no second one', async () => {
    const requests = pendingRequests(3);
    const first = harness(fake);
    killedAfterCreate(first);
    await expect(resolveInBatches(requests, first.ctx)).rejects.toThrow('killed');
    first.cache.close();
    expect(batchCreates(fake)).toHaveLength(1);
    const [batchId] = [...fake.state.batches.keys()];

    const second = harness(fake, { cacheDir: first.cacheDir });
    const outcomes = await resolveInBatches(requests, second.ctx);
    expect([...outcomes.values()].every((o) => o.kind === 'answer')).toBe(true);
    expect(batchCreates(fake)).toHaveLength(1);
    expect(uploadedInputs(fake)).toHaveLength(1);
    expect(second.logs).toEqual([`found batch ${batchId} (validating) that an earlier run created for 3 of these requests; waiting for it instead of creating another`]);
    expect(requests.map((r) => second.cache.replies(r.key).length)).toEqual([1, 1, 1]);
  });

  it('a restarted run that still needs only some requests of its earlier batches waits for those batches (by the request ids in the state file)', async () => {
    const requests = pendingRequests(4);
    const first = harness(fake, { settings: { maxRequestsPerBatch: 2 } });
    killedAfterCreate(first);
    await expect(resolveInBatches(requests, first.ctx)).rejects.toThrow('killed');
    first.cache.close();
    const [a, b] = [...fake.state.batches.keys()];

    // The first request no longer needs an answer: cut afresh, the other three would be new batches.
    const second = harness(fake, { cacheDir: first.cacheDir, settings: { maxRequestsPerBatch: 2 } });
    const outcomes = await resolveInBatches(requests.slice(1), second.ctx);
    expect(inOrder(outcomes, requests.slice(1)).map((o) => o.kind)).toEqual(['answer', 'answer', 'answer']);
    expect(batchCreates(fake)).toHaveLength(2);
    expect(second.logs).toEqual([
      `found batch ${a} (validating) that an earlier run created for 1 of these requests; waiting for it instead of creating another`,
      `found batch ${b} (validating) that an earlier run created for 2 of these requests; waiting for it instead of creating another`,
    ]);
    // The answer to the request nobody asked for this time was paid for: it is kept.
    expect(second.cache.replies(requests[0]!.key)).toHaveLength(1);
  });

  it('a batch created by a run killed before it wrote the state file is found remotely by its metadata', async () => {
    const requests = pendingRequests(3);
    const first = harness(fake);
    killedAfterCreate(first);
    await expect(resolveInBatches(requests, first.ctx)).rejects.toThrow('killed');
    first.cache.close();
    rmSync(join(first.cacheDir, 'batches.jsonl'));
    const [batchId] = [...fake.state.batches.keys()];

    const second = harness(fake, { cacheDir: first.cacheDir });
    const outcomes = await resolveInBatches(requests, second.ctx);
    expect([...outcomes.values()].every((o) => o.kind === 'answer')).toBe(true);
    expect(batchCreates(fake)).toHaveLength(1);
    expect(second.logs).toEqual([`found batch ${batchId} (validating), already created for these 3 requests; waiting for it instead of creating another`]);
    // Written again, so a third run needs no listing to find it.
    expect(stateLines(first.cacheDir).map((l) => l.batchId)).toEqual([batchId]);
  });

  it('a batch an earlier run created that was cancelled is created again, and the log says so', async () => {
    const requests = pendingRequests(2);
    const first = harness(fake);
    killedAfterCreate(first);
    await expect(resolveInBatches(requests, first.ctx)).rejects.toThrow('killed');
    first.cache.close();
    const [batchId] = [...fake.state.batches.keys()];
    await first.ctx.client.batches.cancel(batchId!);
    fake.clock.advance(10);

    const viaState = harness(fake, { cacheDir: first.cacheDir });
    const outcomes = await resolveInBatches(requests, viaState.ctx);
    expect([...outcomes.values()].every((o) => o.kind === 'answer')).toBe(true);
    expect(batchCreates(fake)).toHaveLength(2);
    expect(viaState.logs[0]).toBe(`batch ${batchId}, created by an earlier run, ended cancelled; its unanswered requests go into a new batch`);

    // Without the state file the listing finds it, and says the same.
    const other = pendingRequests(2, 10);
    const lost = harness(fake);
    killedAfterCreate(lost);
    await expect(resolveInBatches(other, lost.ctx)).rejects.toThrow('killed');
    lost.cache.close();
    const lostId = [...fake.state.batches.keys()].at(-1)!;
    await lost.ctx.client.batches.cancel(lostId);
    fake.clock.advance(10);
    rmSync(join(lost.cacheDir, 'batches.jsonl'));
    const viaList = harness(fake, { cacheDir: lost.cacheDir });
    await resolveInBatches(other, viaList.ctx);
    expect(batchCreates(fake)).toHaveLength(4);
    expect(viaList.logs[0]).toBe(`batch ${lostId} for these 2 requests ended cancelled; creating a new batch for them`);
  });

  it('an invalid answer is asked again in a second round with the same body online mode sends', async () => {
    const invalidFirst = (fakeServer: FakeOpenAI) =>
      fakeServer.setChatBehaviour('gpt-4o-mini', (req, ctx) => (req.messages.length === 1 && ctx.userText.includes('What is 1 plus') ? '{"topic": "arith' : ctx.defaultReply()));
    const requests = pendingRequests(3);
    invalidFirst(fake);
    const h = harness(fake);
    const outcomes = await resolveInBatches(requests, h.ctx);
    expect(inOrder(outcomes, requests).map((o) => [o.kind, o.kind === 'answer' ? o.attempts : 0])).toEqual([['answer', 1], ['answer', 2], ['answer', 1]]);
    expect(batchCreates(fake)).toHaveLength(2);
    const [, second] = uploadedInputs(fake);
    expect(second!.map((l) => l.custom_id)).toEqual([`${requests[1]!.key}#1`]);
    expect(h.progress.filter((p) => p.endsWith('(completed 1)'))).toEqual(['batch round 1: 3/3 requests done in 1 batch (completed 1)', 'batch round 2: 1/1 requests done in 1 batch (completed 1)']);

    // The retry is what online mode sends (nextStep): the first messages, the unusable answer, the problem.
    const problem = checkReply({ content: '{"topic": "arith', refusal: null, finishReason: 'stop' }, schema);
    expect(problem).toMatchObject({ ok: false, code: 'invalid_json' });
    expect(second![0]!.body).toEqual({ ...requests[1]!.body, messages: [...requests[1]!.messages, ...retryTurn({ content: '{"topic": "arith' }, (problem as { message: string }).message)] });
    const [bad, good] = h.cache.replies(requests[1]!.key);
    expect([bad!.attempt, bad!.content, good!.attempt]).toEqual([0, '{"topic": "arith', 1]);
    expect(schema.safeParse(JSON.parse(good!.content!)).success).toBe(true);
  });

  it('a line that got a 5xx goes into the next round (at most lineRetries times); a 400 line is a request_failed error', async () => {
    const requests = pendingRequests(3);
    let flaky = 0;
    fake.setChatBehaviour('gpt-4o-mini', (_req, ctx) => {
      if (ctx.userText.includes('What is 0 plus') && flaky++ === 0) throw new Error('overloaded');
      if (ctx.userText.includes('What is 1 plus')) throw new Error('always down');
      if (ctx.userText.includes('What is 2 plus')) throw new ApiError(400, "Invalid 'messages': too long.");
      return ctx.defaultReply();
    });
    const h = harness(fake);
    const outcomes = await resolveInBatches(requests, h.ctx);
    const batches = [...fake.state.batches.keys()];
    expect(outcomes.get(requests[0]!.key)).toMatchObject({ kind: 'answer', attempts: 1 });
    expect(outcomes.get(requests[1]!.key)).toEqual({ kind: 'error', code: 'request_failed', message: `batch ${batches[2]}: 500 The fake OpenAI server failed: always down (after 3 batches)` });
    expect(outcomes.get(requests[2]!.key)).toEqual({ kind: 'error', code: 'request_failed', message: `batch ${batches[0]}: 400 Invalid 'messages': too long.` });
    expect(uploadedInputs(fake).map((lines) => lines.map((l) => l.custom_id))).toEqual([ids(requests), ids(requests.slice(0, 2)), ids(requests.slice(1, 2))]);
    expect(h.ctx.budget.inFlightUsd).toBe(0);
  });

  it('reserves each attempt against maxCost before it goes into a batch: the first that does not fit and the rest are over_budget', async () => {
    const requests = pendingRequests(3);
    // Worst case per request at batch price: (38 input + 100 output tokens at $2) / 2 = $119.
    const h = harness(fake, { maxCost: 2 * 119 + 1 });
    const outcomes = await resolveInBatches(requests, h.ctx);
    expect(inOrder(outcomes, requests).map((o) => o.kind)).toEqual(['answer', 'answer', 'over_budget']);
    expect(uploadedInputs(fake).map((lines) => lines.map((l) => l.custom_id))).toEqual([ids(requests.slice(0, 2))]);
    expect(h.ctx.budget).toMatchObject({ stopped: true, inFlightUsd: 0 });
    expect(h.ctx.budget.spentUsd).toBeCloseTo(requests.slice(0, 2).reduce((n, r) => n + h.cache.replies(r.key)[0]!.costUsd!, 0), 9);
    expect(h.ctx.budget.spentUsd).toBeLessThanOrEqual(2 * 119 + 1);
  });

  it('absorbs 429s on upload, create and retrieve, and a create whose answer was lost, with one batch', async () => {
    fake.faults.rateLimit('POST /v1/files', { times: 1 });
    fake.faults.rateLimit('POST /v1/batches', { times: 1 });
    fake.faults.rateLimit('GET /v1/batches/*', { times: 2 });
    const requests = pendingRequests(2);
    const h = harness(fake);
    // The first create that reaches the server is committed, but its answer never arrives.
    let lost = 0;
    h.ctx.client = new OpenAI({
      apiKey: 'sk-test',
      baseURL: fake.baseURL,
      maxRetries: 0,
      fetch: async (url, init) => {
        const res = await fetch(url, init);
        if (init?.method === 'POST' && String(url).endsWith('/v1/batches') && res.status === 200 && lost++ === 0) throw new TypeError('fetch failed: socket hang up');
        return res;
      },
    });
    const outcomes = await resolveInBatches(requests, h.ctx);
    expect([...outcomes.values()].every((o) => o.kind === 'answer')).toBe(true);
    expect(fake.state.batches.size).toBe(1);
    expect(batchCreates(fake).map((r) => r.status)).toEqual([429, 200]);
    expect(h.logs).toEqual([`found batch ${[...fake.state.batches.keys()][0]} (validating), already created for these 2 requests; waiting for it instead of creating another`]);
  });
});
