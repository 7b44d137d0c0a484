import { expect, it } from 'vitest';
import { z } from 'zod';
import { pipeline } from '../../../src/pipeline/pipeline.js';
import { annotate } from '../../../src/stages/annotate/annotate.js';
import { useFakeOpenAI } from '../../helpers/fake-openai-env.js';
import { questions, records, runIn, tempCache, type Question } from './helpers.js';

useFakeOpenAI();

it("an OpenAI annotator in a pipeline built for another target is priced from OpenAI's table, not confused by the target's flat overrides", async () => {
  // Flat `models` keys belong to the pipeline's own target (local here): a patch of a local row, which OpenAI's table does not have.
  const p = pipeline('annotate-target', { target: 'local:Qwen/Qwen3-0.6B', models: { 'Qwen/Qwen3-0.6B': { tokenLimit: 4096 } } })
    .from(questions({ records: records(2) }))
    .pipe(annotate<Question, z.ZodObject<{ topic: z.ZodString }>>({ model: 'gpt-4o-mini', prompt: (q) => q.question, schema: z.object({ topic: z.string() }) }));
  const run = await runIn(p as never, tempCache());
  const report = run.manifest.reports['annotate'] as { costUsd: number | null };
  expect(report.costUsd).toBeGreaterThan(0);
});
