import type { z } from 'zod';
import { dropReasons } from '../../pipeline/drop-codes.js';
import type { Item, Json } from '../../pipeline/item.js';
import { defineStage, type Stage, type StageContext } from '../../pipeline/stage.js';
import { inputList } from '../import/input-spec.js';
import { openLabels } from './labels-format.js';
import { recordKeyReader, type RecordKey } from './labels-key.js';
import { LABELS_DROP_CODES, LabelsFromFileOptions, type LabelsOptions } from './labels-options.js';
import { buildLabelTable } from './labels-table.js';
import { mergeAnnotation, type Into } from './merge.js';

const reason = dropReasons(LABELS_DROP_CODES);

/** Says each problem on the log and keeps the first `limit` for the report; the count stays complete. */
const problemList = (ctx: StageContext, limit: number) => {
  const listed: string[] = [];
  let count = 0;
  return {
    listed,
    add(message: string) {
      if (count++ < limit) {
        listed.push(message);
        ctx.log.warn(message);
      }
    },
    get count() {
      return count;
    },
  };
};

const labelsStage = defineStage('labels-from-file', LabelsFromFileOptions, (opts: LabelsOptions) => ({
  async *run(input: AsyncIterable<Item<unknown>>, ctx) {
    const file = inputList(opts.path)[0]!;
    const keyColumn = typeof opts.key === 'string' ? opts.key : opts.key.label;
    const fields = Array.isArray(opts.fields) ? opts.fields.map((c) => [c, c] as const) : Object.entries(opts.fields);
    const problems = problemList(ctx, opts.listLimit);
    // The whole file is read before the first record is pulled, so a wrong column name stops the run
    // before anything is joined, and a record is only ever matched against every row.
    const { format, events } = await openLabels(file, opts, ctx);
    const table = await buildLabelTable(events, { file, key: keyColumn, fields }, (m) => problems.add(m));
    const recordKey = recordKeyReader(typeof opts.key === 'string' ? 'id' : (opts.key.record as RecordKey));
    const into = opts.into as Into<unknown, Record<string, Json>>;
    const matchedKeys = new Set<string>();
    let matched = 0;
    let unlabeled = 0;
    for await (const item of input) {
      const key = recordKey(item);
      const entry = key === undefined ? undefined : table.entries.get(key);
      if (key === undefined || entry === undefined) {
        unlabeled++;
        if (opts.missing === 'drop') ctx.drop(item, reason('unlabeled', { key: key ?? null }));
        else yield item;
        continue;
      }
      matchedKeys.add(key);
      if (entry.conflict) {
        ctx.drop(item, reason('label_conflict', { key, field: entry.conflict.field, values: entry.conflict.values.map((v) => ({ ...v })) }));
        continue;
      }
      matched++;
      yield mergeAnnotation(item, entry.labels, into);
    }
    // Only now is it known which rows matched nothing.
    const unmatched = [...table.entries].filter(([key]) => !matchedKeys.has(key));
    const unmatchedKeys = unmatched.slice(0, opts.listLimit).map(([key, entry]) => ({ key, at: entry.at }));
    for (const { key, at } of unmatchedKeys) ctx.log.warn(`${at}: key "${key}" matches no record`);
    if (unlabeled > 0) ctx.log.warn(`${unlabeled} records have no label in ${file}; ${opts.missing === 'drop' ? 'dropped as unlabeled' : "kept without one (missing: 'keep')"}`);
    const { rows, duplicates, conflicts, noKey, emptyRows, skippedRows } = table;
    ctx.report({
      file,
      format,
      rows,
      keys: table.entries.size,
      matched,
      unlabeled,
      unmatched: unmatched.length,
      duplicates,
      conflicts,
      noKey,
      emptyRows,
      skippedRows,
      problems: problems.listed,
      unlistedProblems: problems.count - problems.listed.length,
      unmatchedKeys,
    });
  },
}));

/** The options as a pipeline writes them, typed by the records they read (`key.record`, `into`). */
export type LabelsFromFileInput<T = Record<string, unknown>, Out = T> = Omit<z.input<typeof LabelsFromFileOptions>, 'key' | 'into'> & {
  key: string | { label: string; record?: RecordKey<T> };
  into?: Into<T, Record<string, Json>, Out>;
};

/**
 * Joins human labels from a file (CSV, JSONL, Label Studio's or Argilla's JSON export) into the
 * records, by key, with the merge rule every annotator shares (`into`, default `meta`). Drops a
 * record whose key has disagreeing labels as `label_conflict`, and a record without a label as
 * `unlabeled` when `missing: 'drop'` (by default it is kept). Problems in the file are reported by
 * file and line: rows without a key, duplicate keys, conflicts, and (after the input) keys no record
 * had.
 */
export const labelsFromFile = <T = Record<string, unknown>, Out = T>(options: LabelsFromFileInput<T, Out>): Stage<T, Out> =>
  labelsStage(options as z.input<typeof LabelsFromFileOptions>) as unknown as Stage<T, Out>;
