import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { startFakeOpenAI, type FakeOpenAI } from '../../../src/providers/fake/index.js';
import { pipeline } from '../../../src/pipeline/pipeline.js';
import { annotate } from '../../../src/stages/annotate/annotate.js';
import { questions, records, runIn, tempCache, type Question } from './helpers.js';

let fake: FakeOpenAI;
beforeEach(async () => {
  // 100,000 simulated seconds a real second: a batch's 80 s take under a millisecond, so the
  // stage's real poll wait (pollIntervalMs: 1) is the only waiting there is.
  fake = await startFakeOpenAI({ now: '2026-12-01T12:00:00Z', timeScale: 100_000 });
  vi.stubEnv('OPENAI_API_KEY', 'sk-test');
  vi.stubEnv('OPENAI_BASE_URL', fake.baseURL);
  // One question's first answer is cut short, in both modes: its retry is part of what must match.
  fake.setChatBehaviour('gpt-4o-mini', (req, ctx) => (req.messages.length === 1 && ctx.userText.includes('What is 2 plus') ? '{"topic": "ari' : ctx.defaultReply()));
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await fake.close();
});

const Labels = z.object({ topic: z.string(), difficulty: z.enum(['easy', 'hard']) });
const calls = (method: string, route: string) => fake.requests.filter((r) => r.method === method && r.route === route).length;

const labelled = (mode: 'online' | 'batch') => {
  // Six records, five distinct questions: the duplicate is one request in both modes.
  const rs = [...records(5), { id: 'q900', question: 'What is 3 plus 3?', answer: '6' }];
  return pipeline('annotate-batch', { model: 'gpt-4o-mini' })
    .from(questions({ records: rs }))
    .pipe(
      annotate<Question, typeof Labels>({
        model: 'gpt-4o-mini',
        prompt: (q) => `Label this question: ${q.question}`,
        schema: Labels,
        into: 'data',
        mode,
        batch: { pollIntervalMs: 1, maxRequestsPerBatch: 2 },
      }),
    ) as never;
};

const cacheEntries = (dir: string) =>
  readFileSync(join(dir, 'annotations', 'answers.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { key: string; sent?: number; reply?: Record<string, unknown> })
    .filter((l) => l.reply !== undefined)
    // What the answer is; not when, how, or at which price it was bought.
    .map(({ key, reply }) => JSON.stringify({ key, attempt: reply!['attempt'], content: reply!['content'], refusal: reply!['refusal'], finishReason: reply!['finishReason'], usage: reply!['usage'] }))
    .sort();

describe('annotate batch mode in a run', () => {
  it('writes byte-identical meta.jsonl and train.jsonl to online mode, with the same cache entries, through batches at half the cost', async () => {
    const onlineCache = tempCache();
    const online = await runIn(labelled('online'), onlineCache);
    const chatOnline = calls('POST', '/v1/chat/completions');
    expect(chatOnline).toBe(6);

    const batchCache = tempCache();
    const batch = await runIn(labelled('batch'), batchCache);
    expect(calls('POST', '/v1/chat/completions')).toBe(chatOnline);
    // Five requests at two a batch, then the retry of the cut-short answer in a round of its own.
    expect(calls('POST', '/v1/batches')).toBe(4);

    for (const file of ['meta.jsonl', 'train.jsonl', 'rejected.jsonl']) {
      expect(readFileSync(join(batch.outDir, file), 'utf8'), file).toBe(readFileSync(join(online.outDir, file), 'utf8'));
    }
    expect(online.lines('train.jsonl')).toHaveLength(6);
    expect(online.lines('train.jsonl').every((d) => typeof d['topic'] === 'string' && ['easy', 'hard'].includes(d['difficulty'] as string))).toBe(true);
    expect(cacheEntries(batchCache)).toEqual(cacheEntries(onlineCache));
    expect(cacheEntries(batchCache)).toHaveLength(6);

    const [o, b] = [online, batch].map((r) => r.manifest.reports['annotate'] as { mode: string; costUsd: number; usage: unknown; requests: unknown });
    expect([o!.mode, b!.mode]).toEqual(['online', 'batch']);
    expect(b!.usage).toEqual(o!.usage);
    expect(b!.requests).toEqual(o!.requests);
    expect(b!.costUsd).toBeCloseTo(o!.costUsd / 2, 8);

    // A re-run answers from the cache: no batch, no chat request.
    const again = await runIn(labelled('batch'), batchCache);
    expect(calls('POST', '/v1/batches')).toBe(4);
    expect(readFileSync(join(again.outDir, 'train.jsonl'), 'utf8')).toBe(readFileSync(join(online.outDir, 'train.jsonl'), 'utf8'));
  });
});
