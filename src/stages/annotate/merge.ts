import { z } from 'zod';
import { isRecord, type Item, type Json } from '../../pipeline/item.js';

/**
 * Where an annotation goes, shared by every annotator (LLM, judge, human labels, rules):
 * - `'meta'` (the default): its fields are merged into `meta` (kept in meta.jsonl, never uploaded);
 * - `'data'`: its fields are merged into the record's data, for a later stage (toChat) to use;
 * - a function `(data, annotation, item) => newData`: anything else, such as turning a generated
 *   answer or rationale into messages.
 * A field already there is replaced by the annotation's.
 */
export type Into<T, A, Out = T> = 'meta' | 'data' | ((data: T, annotation: A, item: Item<T>) => Out);

/** The option as stages declare it in their zod schemas (a function is checked by hand, not by zod). */
export const intoOption = z
  .union([z.literal('meta'), z.literal('data'), z.custom<(...args: never[]) => unknown>((v) => typeof v === 'function', 'expected a function')])
  .default('meta')
  .describe("Where the annotation goes: 'meta' (merged into meta, kept in meta.jsonl), 'data' (merged into the record's fields), or a function (data, annotation, item) => new data.");

/** Meta keys the runner reads: an annotation must not overwrite them. */
const RESERVED_META = new Set(['split']);

export class MergeError extends Error {
  override name = 'MergeError';
}

/** The item with the annotation merged in as `into` says; the input item is not changed. */
export const mergeAnnotation = <T, A extends Record<string, unknown>, Out = T>(item: Item<T>, annotation: A, into: Into<T, A, Out>): Item<Out> => {
  if (typeof into === 'function') return { ...item, data: into(item.data, annotation, item) } as Item<Out>;
  if (into === 'meta') {
    const clash = Object.keys(annotation).find((k) => RESERVED_META.has(k));
    if (clash !== undefined) throw new MergeError(`the annotation's field "${clash}" would overwrite meta.${clash}, which the runner reads; rename the field or use into: 'data'`);
    return { ...item, meta: { ...item.meta, ...(annotation as Record<string, Json>) } } as unknown as Item<Out>;
  }
  if (!isRecord(item.data)) throw new MergeError(`into: 'data' needs the record's data to be an object, got ${Array.isArray(item.data) ? 'an array' : typeof item.data}`);
  return { ...item, data: { ...item.data, ...annotation } } as unknown as Item<Out>;
};
