import { z } from 'zod';
import { intoOption } from './merge.js';

const recordKeyFn = z
  .custom<(item: never) => unknown>((v) => typeof v === 'function', 'expected a function')
  .meta({ type: '(item) => string | number | undefined' });

/** A dotted path into the record: its id or group, or a field of its data or meta. */
const recordPath = z
  .string()
  .regex(/^(?:id|group|(?:data|meta)\.[^.]+(?:\.[^.]+)*)$/, "expected 'id', 'group', 'data.<field>' or 'meta.<field>'");

export const labelsKeySchema = z.union([
  z.string().min(1),
  z.strictObject({
    label: z.string().min(1).describe("The labels file's key column (CSV header, JSON field, Label Studio `data` field, Argilla field or metadata)."),
    record: z
      .union([recordPath, recordKeyFn])
      .default('id')
      .describe("The record's key: 'id', 'group', 'data.<field>', 'meta.<field>', or a function of the item."),
  }),
]);

export const labelsFieldsSchema = z
  .union([
    z.array(z.string().min(1)).min(1),
    z.record(z.string().min(1), z.string().min(1)).refine((m) => Object.keys(m).length > 0, 'name at least one column'),
  ])
  .refine((f) => Array.isArray(f) || new Set(Object.values(f)).size === Object.keys(f).length, 'two columns are given the same annotation name');

export const LabelsFromFileOptions = z.strictObject({
  path: z
    .union([z.string().min(1), z.instanceof(URL).meta({ type: 'URL' })])
    .describe('The labels file: a path (relative to the working directory), a file: URL or an http(s) URL, gzip or not.'),
  key: labelsKeySchema.describe(
    "How a label row finds its records: a column name (matched with the record's id), or `{ label: column, record: 'data.<field>' | (item) => key }`.",
  ),
  fields: labelsFieldsSchema.describe('The label columns to take: an array of names, or a map column -> annotation field name.'),
  format: z
    .enum(['auto', 'csv', 'jsonl', 'json', 'label-studio', 'argilla'])
    .default('auto')
    .describe("The file's format; 'auto' tells it by the extension (.csv, .tsv) and the content (Label Studio tasks, Argilla records, plain rows)."),
  delimiter: z.string().min(1).optional().meta({ description: 'The CSV cell separator.', whenAbsent: "a tab for .tsv files, else ','" }),
  into: intoOption,
  missing: z
    .enum(['keep', 'drop'])
    .default('keep')
    .describe("A record the file has no label for: 'keep' it as it is (counted as unlabeled), or 'drop' it as `unlabeled`."),
  listLimit: z.number().int().min(0).default(20).describe('How many problems and unmatched keys the report and the log list one by one; the counts are always complete.'),
});

export type LabelsOptions = z.output<typeof LabelsFromFileOptions>;

/** The stage's drop codes; the catalog reads them from here. */
export const LABELS_DROP_CODES = {
  label_conflict: "the record's key has labels that disagree (two rows, or two annotators of one task); detail: `{ key, field, values }` with where each value is",
  unlabeled: 'no row of the labels file has a label for the record (only with `missing: "drop"`); detail: `{ key }`',
} as const;

export type LabelsFormat = Exclude<LabelsOptions['format'], 'auto'>;
