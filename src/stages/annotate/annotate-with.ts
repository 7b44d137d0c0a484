import { z } from 'zod';
import { ConfigError } from '../../pipeline/errors.js';
import { isRecord, kindOf, type DropReason, type Item, type Json } from '../../pipeline/item.js';
import { toJsonOptions, type Stage } from '../../pipeline/stage.js';
import { AnnotationError } from './annotator.js';
import { jsonProblem } from './json-value.js';
import { LabelCounts } from './label-counts.js';
import { intoOption, mergeAnnotation, MergeError, type Into } from './merge.js';

export const ANNOTATE_WITH_STAGE = 'annotate-with';

/** Codes of the error entries (rejected.jsonl's detail.code): the pipeline's own functions failing on a record. */
export const ANNOTATE_WITH_ERROR_CODES = {
  label_failed: 'The label function threw for this record (the detail names the record and the message).',
  invalid_label: 'label returned something other than an object of JSON fields or undefined: a string, an array, a promise, a Date, NaN, a field set to undefined, a value nested more than 100 levels deep.',
  merge_failed: "The annotation could not be merged (a field that would overwrite meta.split, or into: 'data' on data that is not an object).",
  into_failed: 'The into function threw for this record.',
  keep_failed: 'The keep function threw for this record.',
} as const;

type ErrorCode = keyof typeof ANNOTATE_WITH_ERROR_CODES;

const fn = (signature: string) => z.custom<(...args: never[]) => unknown>((v) => typeof v === 'function', `expected a function ${signature}`).meta({ type: signature });

export const AnnotateWithOptionsSchema = z.strictObject({
  name: z
    .string()
    .regex(/^[a-z][a-z0-9-]*$/, 'expected lower-case letters, digits and dashes')
    .default(ANNOTATE_WITH_STAGE)
    .describe('The stage name: a pipeline with several rule annotators gives each its own (game-type, difficulty), for the report, rejected.jsonl and progress.'),
  label: fn('(data, item) => fields | undefined').describe(
    "A record's annotation, computed in code: an object of JSON fields, or undefined (or {}) to leave the record as it is.",
  ),
  into: intoOption,
  keep: fn('(annotation, data, item) => true | { code, detail }')
    .optional()
    .describe('Judges each annotation: true keeps the record, a drop reason drops it (after merging, so rejected.jsonl shows the annotation).'),
  maxErrors: z.int().min(0).default(0).describe('Records that may end as error entries (label, keep or into threw, or label gave something that is not JSON fields) before the run stops.'),
});

export interface AnnotateWithOptions<T, A extends Record<string, Json> = Record<string, Json>, Out = T> {
  /** The stage name; each rule annotator of a pipeline needs its own. @default 'annotate-with' */
  name?: string;
  /**
   * The annotation of one record, computed in code (synchronously): fields to merge, or undefined
   * (or `{}`) to leave the record unchanged.
   */
  label: (data: T, item: Item<T>) => A | undefined;
  /**
   * Where the fields go: 'meta' (default), 'data', or a function. A function is called for every
   * record, with `{}` where label gave nothing, so every record comes out in its shape.
   */
  into?: Into<T, Partial<A>, Out>;
  /** Drops records by their annotation (not called for a record label left unchanged). */
  keep?: (annotation: A, data: T, item: Item<T>) => true | DropReason;
  /** @default 0 */
  maxErrors?: number;
}

/**
 * `annotateWith({ label, into })`: a rule annotator, a plain function per record whose fields are
 * merged like an LLM annotation (into meta, the record's fields, or through a function). Streams;
 * no cache, budget or model. A label function that throws, or returns something other than an
 * object of JSON fields, is an error entry naming the record.
 */
export const annotateWith = <T, A extends Record<string, Json> = Record<string, Json>, Out = T>(options: AnnotateWithOptions<T, A, Out>): Stage<T, Out> => {
  const parsed = AnnotateWithOptionsSchema.safeParse(options);
  const stageName = typeof options?.name === 'string' ? options.name : ANNOTATE_WITH_STAGE;
  if (!parsed.success) throw ConfigError.fromZod(stageName, parsed.error, { input: options });
  const { name, maxErrors } = parsed.data;
  const label = options.label;
  const keep = options.keep;
  const into = (options.into ?? 'meta') as Into<T, Record<string, unknown>, Out>;
  return {
    name,
    kind: 'transform',
    options: toJsonOptions(parsed.data),
    maxErrors,
    async *run(input, ctx) {
      const counts = { labelled: 0, unlabelled: 0, dropped: 0, errors: {} as Record<string, number> };
      const fields = new LabelCounts();
      const fail = (item: Item<T>, code: ErrorCode, message: string): void => {
        counts.errors[code] = (counts.errors[code] ?? 0) + 1;
        ctx.error(item, new AnnotationError(code, `record ${item.id}: ${message}`));
      };
      for await (const item of input) {
        let annotation: unknown;
        try {
          annotation = label(item.data, item);
        } catch (error) {
          fail(item, 'label_failed', `label threw: ${messageOf(error)}`);
          continue;
        }
        const problem = labelProblem(annotation);
        if (problem !== undefined) {
          fail(item, 'invalid_label', problem);
          continue;
        }
        const fieldsOf = (annotation ?? {}) as A;
        const labelled = Object.keys(fieldsOf).length > 0;
        let merged: Item<Out>;
        try {
          merged = mergeAnnotation(item, fieldsOf, into);
        } catch (error) {
          if (error instanceof MergeError) fail(item, 'merge_failed', error.message);
          else fail(item, 'into_failed', `into threw: ${messageOf(error)}`);
          continue;
        }
        if (!labelled) {
          counts.unlabelled++;
          yield merged;
          continue;
        }
        let verdict: true | DropReason;
        try {
          verdict = keep?.(fieldsOf, item.data, item) ?? true;
        } catch (error) {
          fail(item, 'keep_failed', `keep threw: ${messageOf(error)}`);
          continue;
        }
        counts.labelled++;
        fields.add(fieldsOf);
        if (verdict !== true) {
          counts.dropped++;
          ctx.drop(merged as Item<unknown>, verdict);
          continue;
        }
        yield merged;
      }
      ctx.report({ ...counts, fields: fields.toJson() });
    },
  };
};

/** Why label's result cannot be merged, or undefined when it can (an object of JSON fields, or nothing). */
function labelProblem(annotation: unknown): string | undefined {
  if (annotation === undefined) return undefined;
  if (typeof (annotation as { then?: unknown } | null)?.then === 'function') {
    return 'label returned a promise; a rule annotator runs synchronously (a model or service call belongs in annotate)';
  }
  if (!isRecord(annotation)) return `label returned ${kindOf(annotation)}; expected an object of fields, or undefined to leave the record unchanged`;
  const problem = jsonProblem(annotation);
  return problem === undefined ? undefined : `label's fields must be JSON values: ${problem.replace(/^\./, '')}`;
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
