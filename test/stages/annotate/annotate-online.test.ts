import { describe, expect, it } from 'vitest';
import { useFakeOpenAI } from '../../helpers/fake-openai-env.js';
import { z } from 'zod';
import { pipeline } from '../../../src/pipeline/pipeline.js';
import { annotate } from '../../../src/stages/annotate/annotate.js';
import { questions, records, runIn, tempCache, type Question } from './helpers.js';

const fake = useFakeOpenAI();

const chatRequests = () => fake().requests.filter((r) => r.route === '/v1/chat/completions');

const labelled = (n: number, extra: Partial<Parameters<typeof annotate<Question, z.ZodObject<{ topic: z.ZodString; difficulty: z.ZodEnum<{ easy: 'easy'; hard: 'hard' }> }>>>[0]> = {}) =>
  pipeline('annotate-online', { model: 'gpt-4o-mini' })
    .from(questions({ records: records(n) }))
    .pipe(
      annotate<Question, z.ZodObject<{ topic: z.ZodString; difficulty: z.ZodEnum<{ easy: 'easy'; hard: 'hard' }> }>>({
        model: 'gpt-4o-mini',
        prompt: (q) => `Label this question: ${q.question}`,
        schema: z.object({ topic: z.string(), difficulty: z.enum(['easy', 'hard']) }),
        ...extra,
      }),
    );

describe('annotate online', () => {
  it('merges each structured answer into meta, sends each distinct request once, and a re-run sends nothing', async () => {
    const cache = tempCache();
    const first = await runIn(labelled(5) as never, cache);
    const meta = first.lines('meta.jsonl');
    expect(meta).toHaveLength(5);
    for (const m of meta) {
      const labels = m['meta'] as Record<string, unknown>;
      expect(typeof labels['topic']).toBe('string');
      expect(['easy', 'hard']).toContain(labels['difficulty']);
    }
    expect(chatRequests()).toHaveLength(5);
    const report = first.manifest.reports['annotate'] as Record<string, unknown>;
    expect(report['requests']).toMatchObject({ distinct: 5, fromCache: 0, asked: 5, answersBought: 5 });
    expect((report['usage'] as { promptTokens: number }).promptTokens).toBeGreaterThan(0);
    expect(report['costUsd']).toBeGreaterThan(0);

    const second = await runIn(labelled(5) as never, cache);
    expect(chatRequests()).toHaveLength(5);
    expect(second.lines('meta.jsonl')).toEqual(meta);
    expect(second.manifest.reports['annotate']).toMatchObject({ requests: { fromCache: 5, asked: 0, answersBought: 0 }, costUsd: 0 });
  });
});
