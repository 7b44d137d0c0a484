import type { Json } from '../../pipeline/item.js';

/** One value given for a column; `by` names who gave it when a file has several annotators per row. */
export interface Answer {
  value: Json;
  /** `annotation 1001, user 10` (Label Studio), `user 5f3c…` (Argilla). */
  by?: string;
}

/**
 * One row of a labels file, whatever its format: a CSV row, a JSON line, a Label Studio task, an
 * Argilla record. Every column holds the values given for it: none (an empty cell), one, or one per
 * annotator. The key is read from the same columns as the labels.
 */
export interface LabelRow {
  /** Where the row starts, for messages: `labels.csv:7`, `tasks.json:12 (task [3], id 17)`. */
  at: string;
  columns: Map<string, Answer[]>;
}

/**
 * What a format reader yields: the CSV header first (so a bad column name fails before any row),
 * then rows, and a row it cannot read (a CSV row with the wrong number of cells) as a message.
 */
export type LabelEvent = { kind: 'header'; columns: string[] } | { kind: 'row'; row: LabelRow } | { kind: 'skipped'; message: string };

/** A JSON value as one answer; null and undefined are no answer. */
export const answers = (value: unknown, by?: string): Answer[] =>
  value === undefined || value === null ? [] : [by === undefined ? { value: value as Json } : { value: value as Json, by }];
