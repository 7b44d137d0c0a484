import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { UsageError } from '../../../../src/pipeline/errors.js';
import { sha256 } from '../../../../src/pipeline/hash.js';
import { startFakeOpenAI, type ChatBehaviour, type FakeOpenAI, type LoggedRequest } from '../../../../src/providers/fake/index.js';
import type { ScoringContext, ScoringItem } from '../../../../src/train/eval/scorer-types.js';
import { judgeScorer, type JudgeSettings } from '../../../../src/train/eval/scorers/judge.js';

const KEY = 'sk-judge-test-secret-0123456789';
const RUBRIC = 'The answer names the same city as the reference.';

let fake: FakeOpenAI;
let logs: string[];
let cacheDir: string;

beforeEach(async () => {
  fake = await startFakeOpenAI({ now: '2026-12-01T12:00:00Z' });
  // The judge reads ctx.env only: the process's own variables point nowhere usable.
  vi.stubEnv('OPENAI_BASE_URL', 'http://127.0.0.1:9/v1');
  vi.stubEnv('OPENAI_API_KEY', 'sk-process-env-must-not-be-used');
  logs = [];
  cacheDir = join(mkdtempSync(join(tmpdir(), 'tuneset-judge-')), 'judge-cache');
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await fake.close();
});

const ctx = (): ScoringContext => ({
  cacheDir,
  env: { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: fake.baseURL },
  now: () => new Date('2026-12-01T12:00:00Z'),
  log: (line) => logs.push(line),
});

const settings = (extra: Partial<JudgeSettings> = {}): JudgeSettings => ({ model: 'gpt-4.1-mini', rubric: RUBRIC, scale: [1, 5], concurrency: 4, ...extra });

const item = (id: string, question: string, reference: string, reply: string, model = 'ft:gpt-4o-mini:acme::abc'): ScoringItem => ({
  suite: 'validation',
  model,
  id,
  prompt: [
    { role: 'system', content: 'Answer in one word.' },
    { role: 'user', content: question },
  ],
  references: [reference],
  reply,
});

const tagged = (text: string, tag: string): string[] => [...text.matchAll(new RegExp(`<${tag}>\\n([\\s\\S]*?)\\n</${tag}>`, 'g'))].map((m) => m[1]!);
const userText = (body: unknown) => ((body as { messages: { role: string; content: string }[] }).messages.find((m) => m.role === 'user')?.content ?? '');

/** Grades 5 when the answer contains a reference, else 1: what a judge reading the prompt would do. */
const byReference: ChatBehaviour = (request) => {
  const text = userText(request.body);
  const [answer] = tagged(text, 'answer');
  const hit = tagged(text, 'reference').some((r) => answer?.toLowerCase().includes(r.toLowerCase()));
  return JSON.stringify(hit ? { reason: 'It names the reference city.', score: 5 } : { reason: 'It names another city.', score: 1 });
};

const chats = (): LoggedRequest[] => fake.requests.filter((r) => r.route === '/v1/chat/completions');

const items = [
  item('v:1', 'Capital of France?', 'Paris', 'Paris.'),
  item('v:2', 'Capital of Italy?', 'Rome', 'Milan'),
  item('v:3', 'Capital of Spain?', 'Madrid', 'It is Madrid.'),
];

describe('judge scorer', () => {
  it('grades each answer with its reason, sending the rubric, the conversation, the reference and the answer', async () => {
    fake.setChatBehaviour('gpt-4.1-mini', byReference);
    const { scores, spend } = await judgeScorer(settings()).scoreAll(items, ctx());
    expect(scores).toEqual([
      { score: 5, stats: [5], detail: { reason: 'It names the reference city.' } },
      { score: 1, stats: [1], detail: { reason: 'It names another city.' } },
      { score: 5, stats: [5], detail: { reason: 'It names the reference city.' } },
    ]);
    expect(chats()).toHaveLength(3);
    const body = chats()[1]!.body as Record<string, unknown> & { messages: { role: string; content: string }[] };
    expect(body['model']).toBe('gpt-4.1-mini');
    expect(body['temperature']).toBe(0);
    expect(body['max_completion_tokens']).toBe(256);
    expect(body.messages.map((m) => m.role)).toEqual(['system', 'user']);
    expect(body.messages[0]!.content).toContain(`against this rubric:\n${RUBRIC}\n`);
    expect(body.messages[0]!.content).toContain('from 1 (worst) to 5 (best)');
    expect(body.messages[1]!.content).toBe(
      '<conversation>\nsystem: Answer in one word.\n\nuser: Capital of Italy?\n</conversation>\n\n<reference>\nRome\n</reference>\n\n<answer>\nMilan\n</answer>',
    );
    const format = body['response_format'] as { type: string; json_schema: { strict: boolean; schema: { properties: Record<string, unknown>; required: string[] } } };
    expect(format.type).toBe('json_schema');
    expect(format.json_schema.strict).toBe(true);
    expect(format.json_schema.schema.required).toEqual(['reason', 'score']);
    expect(format.json_schema.schema.properties['score']).toMatchObject({ type: 'integer', minimum: 1, maximum: 5 });
    expect(spend).toMatchObject({ model: 'gpt-4.1-mini', requests: 3, cached: 0, cachedCostUsd: 0, basis: 'gpt-4.1-mini-2025-04-14 in the model table' });
    expect(spend!.promptTokens).toBeGreaterThan(0);
    expect(spend!.completionTokens).toBeGreaterThan(0);
    // gpt-4.1-mini: $0.40 in, $1.60 out per 1M tokens.
    expect(spend!.costUsd).toBeCloseTo((spend!.promptTokens * 0.4 + spend!.completionTokens * 1.6) / 1e6, 12);
  });

  it('lists every reference for a multi-reference example', async () => {
    fake.setChatBehaviour('gpt-4.1-mini', byReference);
    const multi: ScoringItem = { ...item('e:1', 'A primary colour?', 'red', 'Blue, I think.'), references: ['red', 'blue', 'yellow'] };
    const { scores } = await judgeScorer(settings()).scoreAll([multi], ctx());
    expect(scores[0]!.score).toBe(5);
    expect(tagged(userText(chats()[0]!.body), 'reference')).toEqual(['red', 'blue', 'yellow']);
  });

  it('asks an identical question once, and a second run is answered by the cache with the same scores', async () => {
    fake.setChatBehaviour('gpt-4.1-mini', byReference);
    // The base model gave the same answer to the same example: one grade serves both.
    const withDuplicate = [...items, { ...items[0]!, model: 'gpt-4o-mini' }];
    const first = await judgeScorer(settings()).scoreAll(withDuplicate, ctx());
    expect(chats()).toHaveLength(3);
    expect(first.scores[3]).toEqual(first.scores[0]);
    expect(logs.at(-1)).toMatch(/^judge gpt-4\.1-mini: 4 answers to grade, 3 distinct, 0 graded from the cache, 3 to ask: [\d,]+ input tokens \+ at most 768 output tokens, at most \$[\d.]+ \(gpt-4\.1-mini-2025-04-14 in the model table\)$/);

    logs = [];
    const second = await judgeScorer(settings()).scoreAll(withDuplicate, ctx());
    expect(chats()).toHaveLength(3);
    expect(second.scores).toEqual(first.scores);
    expect(logs).toEqual(['judge gpt-4.1-mini: 4 answers to grade, 3 distinct, 3 graded from the cache, 0 to ask']);
    expect(second.spend).toEqual({
      model: 'gpt-4.1-mini',
      requests: 0,
      cached: 3,
      promptTokens: 0,
      completionTokens: 0,
      costUsd: 0,
      cachedCostUsd: first.spend!.costUsd,
      basis: 'gpt-4.1-mini-2025-04-14 in the model table',
    });
  });

  it('asks again when the rubric or the scale changes: the cache answers only the same question', async () => {
    fake.setChatBehaviour('gpt-4.1-mini', byReference);
    await judgeScorer(settings()).scoreAll(items.slice(0, 1), ctx());
    await judgeScorer(settings({ rubric: `${RUBRIC} Spelling counts.` })).scoreAll(items.slice(0, 1), ctx());
    await judgeScorer(settings({ scale: [0, 10] })).scoreAll(items.slice(0, 1), ctx());
    expect(chats()).toHaveLength(3);
  });

  it('keeps at most --concurrency grades in flight', async () => {
    let inFlight = 0;
    let most = 0;
    // Each grade is held until another arrives (or 150 ms pass): with one allowed in flight, none ever does.
    let arrived: (() => void) | undefined;
    fake.setChatBehaviour('gpt-4.1-mini', async (request, c) => {
      most = Math.max(most, ++inFlight);
      arrived?.();
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 150);
        arrived = () => (clearTimeout(timer), resolve());
      });
      inFlight--;
      return byReference(request, c);
    });
    const { scores } = await judgeScorer(settings({ concurrency: 1 })).scoreAll(items.slice(0, 2), ctx());
    expect(scores.map((s) => s.score)).toEqual([5, 1]);
    expect(most).toBe(1);
  });

  it('names its model, rubric hash, scale and prompt version, and averages the grades', () => {
    const scorer = judgeScorer(settings({ scale: [0, 10] }));
    expect(scorer.version(1)).toBe(`judge:gpt-4.1-mini|rubric:${sha256(RUBRIC).slice(0, 12)}|scale:0-10|prompt:1`);
    expect(scorer).toMatchObject({ name: 'judge', unit: 'grade', range: [0, 10], interval: 'bootstrap' });
    expect(scorer.aggregate([17], 4)).toBe(4.25);
  });

  it('stops asking at --judge-max-cost: the rest are unscored as over_budget and no request passes the budget', async () => {
    fake.setChatBehaviour('gpt-4.1-mini', byReference);
    // No input price and $0.01 an output token: every grade's worst case (100 tokens) is exactly $1.
    const capped = settings({ price: { inputPerMTokens: 0, outputPerMTokens: 10_000 }, maxTokens: 100, maxCostUsd: 2.5 });
    const four = [...items, item('v:4', 'Capital of Peru?', 'Lima', 'Lima')];
    const { scores, spend } = await judgeScorer(capped).scoreAll(four, ctx());
    expect(chats()).toHaveLength(2);
    expect(scores.map((s) => s.score)).toEqual([5, 1, null, null]);
    const spent = `$${spend!.costUsd!.toFixed(4)}`;
    expect(scores[2]).toEqual({ score: null, stats: [], detail: { unscored: 'over_budget', message: `spent ${spent} of --judge-max-cost $2.5000` } });
    expect(spend!.costUsd).toBeLessThanOrEqual(2.5);
    expect(spend!.costUsd).toBeCloseTo(spend!.completionTokens * 0.01, 10);
    expect(logs).toContain('the judge\'s estimate $4.0000 is over --judge-max-cost $2.5000: it stops asking before spending could pass it');
    expect(logs.at(-1)).toBe(
      `the judge stopped before --judge-max-cost: spent ${spent} of --judge-max-cost $2.5000; the answers not graded are unscored (over_budget). ` +
        'Grades already bought are cached: raise --judge-max-cost and run again to pay only for the rest.',
    );
  });

  it('leaves a refused answer unscored as refused and does not ask again', async () => {
    fake.setChatBehaviour('gpt-4.1-mini', (request, c) =>
      userText(request.body).includes('Capital of Italy?') ? { content: null, refusal: 'I cannot help with that.' } : c.defaultReply(),
    );
    const { scores } = await judgeScorer(settings()).scoreAll(items, ctx());
    expect(scores[1]).toEqual({ score: null, stats: [], detail: { unscored: 'refused', message: 'the model refused: I cannot help with that.' } });
    // The fake's own grades stay on the scale.
    for (const s of [scores[0]!, scores[2]!]) {
      expect(Number.isInteger(s.score)).toBe(true);
      expect(s.score).toBeGreaterThanOrEqual(1);
      expect(s.score).toBeLessThanOrEqual(5);
      expect(typeof s.detail?.['reason']).toBe('string');
    }
    expect(chats()).toHaveLength(3);
  });

  it('leaves an answer still not JSON after the retries unscored as invalid_json', async () => {
    fake.setChatBehaviour('gpt-4.1-mini', byReference);
    fake.faults.invalidJson('gpt-4.1-mini', { times: 3 });
    const { scores, spend } = await judgeScorer(settings({ retries: 2 })).scoreAll(items.slice(0, 1), ctx());
    expect(scores[0]!.score).toBeNull();
    expect(scores[0]!.detail?.['unscored']).toBe('invalid_json');
    expect(chats()).toHaveLength(3);
    expect(spend!.requests).toBe(3);
  });

  it('grades with a model the table does not price, at no known cost', async () => {
    fake.setChatBehaviour('local-judge', byReference);
    const { scores, spend } = await judgeScorer(settings({ model: 'local-judge' })).scoreAll(items.slice(0, 2), ctx());
    expect(scores.map((s) => s.score)).toEqual([5, 1]);
    expect(spend).toMatchObject({ model: 'local-judge', requests: 2, costUsd: null, basis: 'no price: the model table does not price local-judge' });
    expect(logs.at(-1)).toMatch(/ output tokens, no price known$/);
  });

  it('refuses --judge-max-cost for a model it cannot price, before any request', async () => {
    fake.setChatBehaviour('local-judge', byReference);
    const run = judgeScorer(settings({ model: 'local-judge', maxCostUsd: 1 })).scoreAll(items, ctx());
    await expect(run).rejects.toThrow(UsageError);
    await expect(run).rejects.toThrow(
      '--judge-max-cost needs a price for the judge model "local-judge", which the model table does not price: choose a judge model the table prices (tuneset models lists them), or leave out --judge-max-cost',
    );
    expect(chats()).toHaveLength(0);
  });

  it('never shows the API key, even when the server echoes it in an error', async () => {
    fake.setChatBehaviour('gpt-4.1-mini', byReference);
    fake.faults.add({ match: 'POST /v1/chat/completions', kind: 'status', status: 400, message: `Invalid request made with key ${KEY}`, times: 1 });
    const { scores } = await judgeScorer(settings()).scoreAll(items.slice(0, 2), ctx());
    const failed = scores.find((s) => s.score === null)!;
    expect(failed.detail?.['unscored']).toBe('request_failed');
    expect(String(failed.detail?.['message'])).toContain('Invalid request made with key');
    expect(JSON.stringify(scores)).not.toContain(KEY);
    expect(logs.join('\n')).not.toContain(KEY);
  });

  it('never shows the API key in an error it throws', async () => {
    const stop = new AbortController();
    const reason = new Error(`stopped while using ${KEY}`);
    // V8 writes the stack text on first read: read it now, so it holds the key as a logged error's would.
    expect(reason.stack).toContain(KEY);
    stop.abort(reason);
    const error = await judgeScorer(settings())
      .scoreAll(items.slice(0, 1), { ...ctx(), signal: stop.signal })
      .then(() => undefined, (e: unknown) => e as Error);
    expect(error?.message).toBe('stopped while using [REDACTED]');
    expect(error?.stack).not.toContain(KEY);
    expect(chats()).toHaveLength(0);
  });

  it('refuses settings it cannot grade with', () => {
    expect(() => judgeScorer(settings({ scale: [5, 1] }))).toThrow('--judge-scale expects two whole numbers LO-HI with LO < HI, got 5-1');
    expect(() => judgeScorer(settings({ rubric: '  ' }))).toThrow('the judge needs a rubric: --rubric TEXT or --rubric-file FILE');
  });
});
