import { z } from 'zod';
import type { ChatWireMessage } from '../../chat/chat-transport.js';
import { ConfigError } from '../../pipeline/errors.js';
import type { DropReason, Item } from '../../pipeline/item.js';
import type { Stage } from '../../pipeline/stage.js';
import { toJsonOptions } from '../../pipeline/stage.js';
import { responseFormatFor } from './annotation-request.js';
import { annotatorStage } from './annotator.js';
import { annotatorOptionShape, type AnnotatorInput, type AnnotatorSettings } from './annotator-options.js';
import { intoOption, type Into } from './merge.js';

const fn = (what: string) => z.custom<(...args: never[]) => unknown>((v) => typeof v === 'function', `expected ${what}`);

export const AnnotateOptionsSchema = z.strictObject({
  ...annotatorOptionShape,
  prompt: fn('a function (data, item) => string | messages').describe("Renders a record's request: a string (the user message) or chat messages."),
  schema: z.custom<z.ZodType>((v) => v instanceof z.ZodType, 'expected a zod schema (z.object({...}))').describe('The answer\'s shape, sent as structured output (strict JSON schema) and checked on arrival.'),
  into: intoOption,
  keep: fn('a function (annotation, data, item) => true | { code, detail }').optional().describe('Judges each annotation: true keeps the record, a drop reason drops it (after merging, so rejected.jsonl shows the annotation).'),
});

export interface AnnotateOptions<T, S extends z.ZodType<Record<string, unknown>>, Out = T> extends Omit<AnnotatorInput, never> {
  /** A string (the user message, after `system`) or the messages. */
  prompt: (data: T, item: Item<T>) => string | readonly ChatWireMessage[];
  /** The answer's shape, e.g. z.object({ rationale: z.string(), answer: z.enum(['A', 'B', 'C', 'D', 'E']) }). */
  schema: S;
  into?: Into<T, z.output<S>, Out>;
  keep?: (annotation: z.output<S>, data: T, item: Item<T>) => true | DropReason;
}

/** Parses the shared options; the stage's name defaults to `fallback`. */
export const annotatorSettings = (parsed: z.output<typeof AnnotateOptionsSchema> | Record<string, unknown>, fallback: string, raw: unknown): AnnotatorSettings =>
  ({ ...(parsed as AnnotatorSettings), name: (parsed as { name?: string }).name ?? fallback, json: toJsonOptions(raw) }) as AnnotatorSettings;

export const ANNOTATE_STAGE = 'annotate';

/**
 * `annotate({ model, prompt, schema, into })`: asks a chat model for a structured answer per record
 * (any OpenAI-compatible endpoint) and merges it into meta, the record's fields, or (with a
 * function) messages. Answers are cached by content, priced before the first call, held under
 * `maxCost`, and can go through the Batch API.
 */
export const annotate = <T, S extends z.ZodType<Record<string, unknown>>, Out = T>(options: AnnotateOptions<T, S, Out>): Stage<T, Out> => {
  const parsed = AnnotateOptionsSchema.safeParse(options);
  if (!parsed.success) throw ConfigError.fromZod(ANNOTATE_STAGE, parsed.error, { input: options });
  const settings = annotatorSettings(parsed.data, ANNOTATE_STAGE, { ...parsed.data, schema: responseFormatSchema(options.schema, ANNOTATE_STAGE) });
  return annotatorStage<T, z.output<S>, Out>(settings, {
    prompt: options.prompt,
    schema: options.schema as unknown as z.ZodType<z.output<S>>,
    annotation: (answer) => answer,
    into: (options.into ?? 'meta') as Into<T, Record<string, unknown>, Out>,
    keep: options.keep,
  });
};

/** The schema's wire form, checked when the pipeline loads (strict mode refuses some zod shapes). */
export const responseFormatSchema = (schema: z.ZodType, stage: string) => {
  try {
    return responseFormatFor(schema, stage);
  } catch (error) {
    throw new ConfigError(stage, [{ path: 'schema', message: (error as Error).message }]);
  }
};
