import { z } from 'zod';
import type { ChatWireMessage } from '../../chat/chat-transport.js';
import { ConfigError } from '../../pipeline/errors.js';
import { isRecord, type Item } from '../../pipeline/item.js';
import type { Stage } from '../../pipeline/stage.js';
import { annotatorSettings, responseFormatSchema } from './annotate.js';
import { annotatorStage } from './annotator.js';
import { annotatorOptionShape, type AnnotatorInput } from './annotator-options.js';

export const JUDGE_STAGE = 'judge';

export const JUDGE_DROP_CODES = {
  judged_low: "The judge's score is below `min` (detail: the score and the judge's reason).",
  over_budget: 'Not judged: the next request could have taken spending past maxCost (answers already bought stay cached).',
} as const;

export const JudgeOptionsSchema = z
  .strictObject({
    ...annotatorOptionShape,
    rubric: z.string().min(1).describe('What a good example is, in words: the judge scores each example against it.'),
    scale: z
      .tuple([z.int(), z.int()])
      .default([1, 5])
      .refine(([lo, hi]) => lo < hi, 'expected [lowest, highest] with lowest < highest')
      .describe('The lowest and highest score.'),
    min: z.int().describe('Examples scored below this are dropped as judged_low.'),
    prompt: z
      .custom<(...args: never[]) => unknown>((v) => typeof v === 'function', 'expected a function (data, item) => string')
      .optional()
      .describe('Renders what the judge sees (default: a chat example as "role: content" lines, any other record as JSON).'),
  })
  .refine((o) => o.min >= o.scale[0] && o.min <= o.scale[1], { message: 'min must be within scale', path: ['min'] });

export interface JudgeOptions<T> extends AnnotatorInput {
  rubric: string;
  /** [lowest, highest]. @default [1, 5] */
  scale?: [number, number];
  min: number;
  prompt?: (data: T, item: Item<T>) => string;
}

/** A chat example reads as its conversation; anything else as its JSON. */
export const renderForJudge = (data: unknown): string => {
  if (isRecord(data) && Array.isArray(data['messages'])) {
    return (data['messages'] as unknown[])
      .map((m) => (isRecord(m) ? `${String(m['role'])}: ${typeof m['content'] === 'string' ? m['content'] : JSON.stringify(m['content'])}` : JSON.stringify(m)))
      .join('\n\n');
  }
  return JSON.stringify(data, null, 2);
};

/**
 * `judge({ model, rubric, scale, min })`: an LLM scores each example against the rubric with a
 * short reason; `meta.<stage name>` keeps `{ score, reason }` and examples below `min` are dropped
 * as `judged_low`. The same cache, budget, limits and batch mode as annotate.
 */
export const judge = <T>(options: JudgeOptions<T>): Stage<T, T> => {
  const parsed = JudgeOptionsSchema.safeParse(options);
  if (!parsed.success) throw ConfigError.fromZod(JUDGE_STAGE, parsed.error, { input: options });
  const { rubric, scale, min } = parsed.data;
  const [lo, hi] = scale;
  // The reason comes first so the model explains before it scores.
  const schema = z.object({ reason: z.string(), score: z.int().min(lo).max(hi) });
  const settings = annotatorSettings(parsed.data, JUDGE_STAGE, { ...parsed.data, schema: responseFormatSchema(schema, JUDGE_STAGE) });
  const system =
    `You are a strict reviewer of training examples. Score the example from ${lo} (worst) to ${hi} (best) against this rubric:\n${rubric}\n` +
    'Give a one-sentence reason, then the score.';
  const render = options.prompt ?? ((data: T) => renderForJudge(data));
  return annotatorStage<T, z.output<typeof schema>, T>(
    { ...settings, system: settings.system === undefined ? system : `${settings.system}\n\n${system}` },
    {
      prompt: (data, item): ChatWireMessage[] => [{ role: 'user', content: `The example:\n\n${render(data, item)}` }],
      schema,
      annotation: (answer) => ({ [settings.name]: { score: answer.score, reason: answer.reason } }),
      into: 'meta',
      keep: (answer) => (answer.score >= min ? true : { code: 'judged_low', detail: `score ${answer.score} < ${min}: ${answer.reason}` }),
    },
  );
};
