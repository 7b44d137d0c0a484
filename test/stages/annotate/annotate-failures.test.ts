import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useFakeOpenAI } from '../../helpers/fake-openai-env.js';
import { z } from 'zod';
import { pipeline } from '../../../src/pipeline/pipeline.js';
import { annotate, type AnnotateOptions } from '../../../src/stages/annotate/annotate.js';
import { questions, records, runIn, tempCache, type Question } from './helpers.js';

const fake = useFakeOpenAI();

const Topic = z.object({ topic: z.string() });
const chatRequests = () => fake().requests.filter((r) => r.route === '/v1/chat/completions');

const build = (n: number, extra: Partial<AnnotateOptions<Question, typeof Topic>> = {}, order: 'forward' | 'reversed' = 'forward') => {
  const rs = records(n);
  return pipeline('annotate-failures', { model: 'gpt-4o-mini' })
    .from(questions({ records: order === 'forward' ? rs : rs.reverse() }))
    .pipe(annotate<Question, typeof Topic>({ model: 'gpt-4o-mini', prompt: (q) => `Label: ${q.question}`, schema: Topic, retryDelayMs: 0, ...extra })) as never;
};

describe('annotate under failures', () => {
  it('absorbs a storm of 429s and 500s: every record annotated, each retry counted', async () => {
    fake().faults.rateLimit('POST /v1/chat/completions', { times: 6 });
    fake().faults.serverError('POST /v1/chat/completions', { times: 4 });
    const run = await runIn(build(4), tempCache());
    expect(run.lines('meta.jsonl')).toHaveLength(4);
    expect(chatRequests().filter((r) => r.status === 200)).toHaveLength(4);
    expect(chatRequests().filter((r) => r.status === 429)).toHaveLength(6);
    expect(chatRequests().filter((r) => r.status === 500)).toHaveLength(4);
    expect(run.manifest.reports['annotate']).toMatchObject({ answered: 4, requests: { retriedAfterError: 10, answersBought: 4 } });
  });

  it('a 400 is not asked again: the record is a request_failed error entry with the API\'s message', async () => {
    fake().faults.add({ kind: 'status', status: 400, match: 'POST /v1/chat/completions', times: 1, message: "Invalid 'messages': too long." });
    const run = await runIn(build(1, { maxErrors: 1 }), tempCache());
    expect(run.lines('rejected.jsonl').map((r) => r['detail'])).toEqual([{ name: 'AnnotationError', code: 'request_failed', message: "400 Invalid 'messages': too long." }]);
    expect(chatRequests()).toHaveLength(1);
  });

  it('asks again with the problem when an answer is not valid JSON, and caches both attempts', async () => {
    let calls = 0;
    fake().setChatBehaviour('gpt-4o-mini', (_req, ctx) => (++calls === 1 ? '{"topic": "arith' : ctx.defaultReply()));
    const cache = tempCache();
    const run = await runIn(build(1), cache);
    expect(run.lines('meta.jsonl')).toHaveLength(1);
    const sent = chatRequests().map((r) => (r.body as { messages: { role: string; content: string }[] }).messages);
    expect(sent).toHaveLength(2);
    expect(sent[1]!.slice(0, 1)).toEqual(sent[0]);
    expect(sent[1]![1]).toEqual({ role: 'assistant', content: '{"topic": "arith' });
    expect(sent[1]![2]!.content).toMatch(/^That answer cannot be used: the answer is not valid JSON: .*Answer again with only a JSON object that matches the schema\.$/);
    const lines = readFileSync(join(cache, 'annotations', 'answers.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => ('sent' in l ? `sent ${String(l['sent'])}` : `reply ${String((l['reply'] as { attempt: number }).attempt)}`))).toEqual(['sent 0', 'reply 0', 'sent 1', 'reply 1']);
  });

  it('an answer still invalid after the retries is an error entry with its code; over maxErrors the run stops', async () => {
    fake().setChatBehaviour('gpt-4o-mini', () => '{"subject": 1}');
    const ok = await runIn(build(2, { retries: 1, maxErrors: 2 }), tempCache());
    const rejected = ok.lines('rejected.jsonl');
    expect(rejected.map((r) => [r['id'], r['code'], (r['detail'] as { code: string }).code])).toEqual([
      ['q000', 'error', 'schema_mismatch'],
      ['q001', 'error', 'schema_mismatch'],
    ]);
    expect(chatRequests()).toHaveLength(4);
    expect(ok.manifest.reports['annotate']).toMatchObject({ answered: 0, errors: { schema_mismatch: 2 } });
    await expect(runIn(build(2, { retries: 1 }), tempCache())).rejects.toThrow(/\[annotate\] 1 record errors, over the stage's budget of 0; last: the answer does not match the schema: topic: /);
  });

  it('a re-run with the input reversed and a changed pipeline elsewhere sends nothing: the key is the question, not its position', async () => {
    const cache = tempCache();
    await runIn(build(6), cache);
    expect(chatRequests()).toHaveLength(6);
    const again = await runIn(build(6, { maxErrors: 3 }, 'reversed'), cache);
    expect(chatRequests()).toHaveLength(6);
    expect(again.manifest.reports['annotate']).toMatchObject({ requests: { fromCache: 6, asked: 0 } });
  });

  it('never sends a request that could take spending past maxCost: the rest are dropped over_budget and the spend stays under the limit', async () => {
    const price = { inputPerMTokens: 1000, outputPerMTokens: 1000 };
    // The five prompts have the same token count: the unlimited run's estimate / 5 is one request's worst case.
    const unlimited = await runIn(build(5, { price, maxTokens: 50 }), tempCache());
    const worst = (unlimited.manifest.reports['annotate'] as { estimate: { costUsd: number } }).estimate.costUsd / 5;
    fake().requests.length = 0;
    const maxCost = 2.5 * worst;
    const run = await runIn(build(5, { price, maxTokens: 50, maxCost, concurrency: 1 }), tempCache());
    const report = run.manifest.reports['annotate'] as { costUsd: number; overBudget: number; answered: number; budgetStopped: boolean };
    expect(report.budgetStopped).toBe(true);
    expect(report.answered).toBe(2);
    expect(report.overBudget).toBe(3);
    expect(report.costUsd).toBeLessThanOrEqual(maxCost);
    expect(chatRequests()).toHaveLength(2);
    expect(run.lines('rejected.jsonl').map((r) => r['code'])).toEqual(['over_budget', 'over_budget', 'over_budget']);
  });

  it('refuses maxCost for a model it cannot price, before any request', async () => {
    await expect(runIn(build(1, { model: 'llama-3-local', maxCost: 1 }), tempCache())).rejects.toThrow(
      'stage "annotate": option maxCost: needs a price for model "llama-3-local", which the model table does not price; give price: { inputPerMTokens, outputPerMTokens } (0 and 0 for a local server) or add the model to the pipeline\'s models',
    );
    expect(chatRequests()).toHaveLength(0);
  });
});
