import { ConfigError, SourceError } from '../../pipeline/errors.js';
import { stableStringify } from '../../pipeline/hash.js';
import { kindOf, type Json } from '../../pipeline/item.js';
import type { Answer, LabelEvent, LabelRow } from './labels-row.js';

/** Where one disagreeing value was given. */
export interface ConflictValue {
  value: Json;
  at: string;
  by?: string;
}

/** The labels of one key: the annotation merged into its records, or the disagreement that drops them. */
export interface LabelEntry {
  /** The first row with this key. */
  at: string;
  labels: Record<string, Json>;
  /** Where each label's value was first given. */
  from: Record<string, string>;
  conflict?: { field: string; values: ConflictValue[] };
}

export interface LabelSpec {
  /** The file as given (a path relative to the working directory, or a URL): messages name it so. */
  file: string;
  /** The key column. */
  key: string;
  /** [label column, annotation field name] pairs. */
  fields: readonly (readonly [string, string])[];
}

export interface LabelTable {
  entries: Map<string, LabelEntry>;
  rows: number;
  duplicates: number;
  /** Keys whose labels disagree. */
  conflicts: number;
  /** Rows without a usable key. */
  noKey: number;
  /** Rows with a key but none of the asked-for labels (not labelled yet). */
  emptyRows: number;
  /** Rows the reader could not read (a CSV row with the wrong number of cells). */
  skippedRows: number;
}

const STAGE = 'labels-from-file';
const show = (value: Json): string => JSON.stringify(value);
const quoted = (names: readonly string[], max = 30): string =>
  names.slice(0, max).map((n) => JSON.stringify(n)).join(', ') + (names.length > max ? ` and ${names.length - max} more` : '');

/** A key or label column the file does not have: a configuration mistake, said before any record is joined. */
const checkColumns = (spec: LabelSpec, columns: readonly string[], inHeader: boolean, rows: number): void => {
  const has = new Set(columns);
  const where = inHeader ? `its header has ${quoted(columns)}` : `none of its ${rows} rows has it; the columns it has: ${quoted([...columns].sort())}`;
  const issues = [
    ...(has.has(spec.key) ? [] : [{ path: 'key', message: `${spec.file} has no column "${spec.key}"; ${where}` }]),
    ...spec.fields.filter(([column]) => !has.has(column)).map(([column]) => ({ path: 'fields', message: `${spec.file} has no column "${column}"; ${where}` })),
  ];
  if (issues.length > 0) throw new ConfigError(STAGE, issues);
  if (!inHeader) return;
  const twice = [spec.key, ...spec.fields.map(([c]) => c)].find((c) => columns.indexOf(c) !== columns.lastIndexOf(c));
  if (twice !== undefined) throw new ConfigError(STAGE, [{ path: twice === spec.key ? 'key' : 'fields', message: `${spec.file}: column "${twice}" appears twice in the header` }]);
};

/** The row's key as a string, or why it has none. */
const keyOf = (row: LabelRow, column: string): string | { problem: string } => {
  const value = row.columns.get(column)?.[0]?.value;
  if (value === undefined) return { problem: `${row.at}: no "${column}" value, so the row cannot be matched; row skipped` };
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number') return String(value);
  return { problem: `${row.at}: "${column}" is ${kindOf(value)}, not a string or a number; row skipped` };
};

const distinct = (list: Answer[]): Answer[] => [...new Map(list.map((a) => [stableStringify(a.value), a])).values()];

/** The asked-for labels of one row, or the first field its annotators disagree on. */
const labelsOf = (row: LabelRow, spec: LabelSpec) => {
  const labels: Record<string, Json> = {};
  for (const [column, name] of spec.fields) {
    const given = row.columns.get(column) ?? [];
    const values = distinct(given);
    if (values.length > 1) return { conflict: { field: column, values: given.map((a) => ({ value: a.value, at: row.at, ...(a.by === undefined ? {} : { by: a.by }) })) } };
    if (values.length === 1) labels[name] = values[0]!.value;
  }
  return { labels };
};

const CONSEQUENCE = 'its records are dropped (label_conflict)';

/**
 * Reads every row of a labels file into a table by key, before any record is joined. Problems are
 * passed to `problem` as sentences naming the file and line: a row without a key, a duplicate key
 * (same labels: counted once; labels that complete each other: combined), a key whose rows or
 * annotators disagree (a conflict: the key's records will be dropped).
 */
export const buildLabelTable = async (events: AsyncIterable<LabelEvent>, spec: LabelSpec, problem: (message: string) => void): Promise<LabelTable> => {
  const table: LabelTable = { entries: new Map(), rows: 0, duplicates: 0, conflicts: 0, noKey: 0, emptyRows: 0, skippedRows: 0 };
  const nameOf = new Map(spec.fields.map(([column, name]) => [name, column]));
  let header: string[] | undefined;
  const seen = new Set<string>();
  for await (const event of events) {
    if (event.kind === 'header') {
      header = event.columns;
      checkColumns(spec, header, true, 0);
      continue;
    }
    table.rows++;
    if (event.kind === 'skipped') {
      table.skippedRows++;
      problem(event.message);
      continue;
    }
    const { row } = event;
    if (!header) for (const column of row.columns.keys()) seen.add(column);
    const key = keyOf(row, spec.key);
    if (typeof key !== 'string') {
      table.noKey++;
      problem(key.problem);
      continue;
    }
    const own = labelsOf(row, spec);
    const first = table.entries.get(key);
    if ('conflict' in own) {
      const values = own.conflict.values.map((v) => `${show(v.value)}${v.by === undefined ? '' : ` (${v.by})`}`).join(', ');
      problem(`${row.at}: annotators disagree on "${own.conflict.field}" for key "${key}": ${values}; ${CONSEQUENCE}`);
      if (!first?.conflict) table.conflicts++;
      if (!first) table.entries.set(key, { at: row.at, labels: {}, from: {}, conflict: own.conflict });
      else first.conflict ??= own.conflict;
      continue;
    }
    const { labels } = own;
    if (Object.keys(labels).length === 0) {
      table.emptyRows++;
      continue;
    }
    const from = Object.fromEntries(Object.keys(labels).map((name) => [name, row.at]));
    if (!first) {
      table.entries.set(key, { at: row.at, labels, from });
      continue;
    }
    if (first.conflict) {
      problem(`${row.at}: key "${key}" again (first at ${first.at}); its labels already disagree, ${CONSEQUENCE}`);
      continue;
    }
    const clash = Object.keys(labels).find((name) => name in first.labels && stableStringify(first.labels[name]) !== stableStringify(labels[name]));
    if (clash !== undefined) {
      const column = nameOf.get(clash)!;
      table.conflicts++;
      first.conflict = { field: column, values: [{ value: first.labels[clash]!, at: first.from[clash]! }, { value: labels[clash]!, at: row.at }] };
      problem(`${row.at}: key "${key}" has ${column} ${show(labels[clash]!)} here but ${show(first.labels[clash]!)} at ${first.from[clash]}; ${CONSEQUENCE}`);
      continue;
    }
    table.duplicates++;
    const adds = Object.keys(labels).filter((name) => !(name in first.labels));
    if (adds.length === 0) problem(`${row.at}: key "${key}" again, with the same labels as ${first.at}; counted once`);
    else {
      problem(`${row.at}: key "${key}" again (first at ${first.at}); no label disagrees, so the labels of both rows are combined`);
      for (const name of adds) {
        first.labels[name] = labels[name]!;
        first.from[name] = row.at;
      }
    }
  }
  if (!header && table.rows === 0) throw new SourceError(spec.file, 'the labels file is empty: no header and no rows');
  if (!header) checkColumns(spec, [...seen], false, table.rows);
  return table;
};
