import { CsvError, parse, type Info } from 'csv-parse';
import { pipeline, Readable } from 'node:stream';
import { z } from 'zod';
import { dropReasons } from '../../pipeline/drop-codes.js';
import { SourceError } from '../../pipeline/errors.js';
import type { Item } from '../../pipeline/item.js';
import { defineSource, type StageContext } from '../../pipeline/stage.js';
import { FIELD_DROP_CODES, fieldPlan, fieldsSchema, isDrop, mapFields, type Field, type FieldPlan } from './field-map.js';
import { inputList, inputPathSchema, lineId } from './input-spec.js';
import { ByteWindow } from './byte-window.js';
import { csvSyntaxText, delimiterHint, headerText } from './csv-problem-text.js';
import { fieldStartLine, leadingBlankLines, rowText } from './csv-rows.js';
import { excerpt } from './excerpt.js';
import { rowBadByte } from './csv-utf8.js';
import { LineIndex } from './line-index.js';
import { openInput } from './open-input.js';
import { hexByte } from './utf8.js';
import { inputLimitsShape, type InputLimits } from './input-limits.js';
import { byteSize, maxRecordBytesSchema } from './record-size.js';
import { explainNoRecords } from './no-records.js';

export const ImportCsvOptions = z.strictObject({
  path: inputPathSchema.describe('CSV files with a header row (a path, file: or http(s) URL, gzip or not), read in order; `--input` replaces them.'),
  fields: fieldsSchema.describe('`data` field name -> header name, as written in the header row; `{ path, optional: true }` may be empty.'),
  id: z.string().min(1).optional().meta({ description: "Header name of the record's id.", whenAbsent: '`<file basename>:<line>`' }),
  group: z.string().min(1).optional().describe("Header name of the record's group (records that must land in the same split)."),
  delimiter: z.string().min(1).default(',').describe('The cell separator.'),
  maxRecordBytes: maxRecordBytesSchema,
  ...inputLimitsShape,
});

export const IMPORT_CSV_DROP_CODES = {
  empty_lines: 'a run of blank lines, one record at its first line; detail: how many lines',
  wrong_column_count: 'a row with more or fewer cells than the header; detail: expected and got',
  invalid_utf8: 'a row whose bytes are not UTF-8 (its raw text in rejected.jsonl has U+FFFD in their place); detail: the line, byte column and value of the first bad byte',
  ...FIELD_DROP_CODES,
} as const;

const reason = dropReasons(IMPORT_CSV_DROP_CODES);

type Options = z.output<typeof ImportCsvOptions>;

/** Where each mapped column is; a mapped name the header lacks (unless optional), or has twice, is fatal. */
const columnIndexes = (header: string[], plan: FieldPlan, uri: string, delimiter: string): Map<Field, number> => {
  const indexes = new Map<Field, number>();
  for (const field of [...plan.fields, plan.id, plan.group]) {
    if (!field) continue;
    const at = header.indexOf(field.path);
    const label = field.name === 'id' || field.name === 'group' ? field.name : `fields.${field.name}`;
    if (at < 0 && field.optional) continue;
    if (at < 0) throw new SourceError(uri, `column "${excerpt(field.path, 40)}" (${label}) is not in the header row: ${headerText(header)}${delimiterHint(header, delimiter)}`);
    if (header.indexOf(field.path, at + 1) >= 0) throw new SourceError(uri, `column "${field.path}" (${label}) appears twice in the header row`);
    indexes.set(field, at);
  }
  return indexes;
};

async function* csvItems(uri: string, plan: FieldPlan, delimiter: string, maxRecordBytes: number, limits: InputLimits, ctx: StageContext): AsyncGenerator<Item<Record<string, string>>> {
  const lines = new LineIndex();
  // The bytes not yet read back as rows: a rejected row is stored with its text as written.
  const window = new ByteWindow();
  const bytes = async function* () {
    for await (const chunk of openInput(uri, ctx, limits)) {
      lines.add(chunk);
      window.add(chunk);
      yield chunk;
    }
  };
  // The parser runs ahead of this reader, and on a syntax error the rows it has parsed but not
  // handed over are lost; where it really is comes from here.
  let parsedEnd = 0;
  // The header as parsed, even when a syntax error ahead stops the reader before it gets it: a
  // one-column header then says which delimiter the file is likely separated by.
  let firstRow: string[] | undefined;
  // relax_column_count passes a row with the wrong number of cells on, so it is one drop, not the
  // end of the run; skip_empty_lines counts blank lines in info.empty_lines, which gives each run.
  const parser = parse({
    bom: true,
    // Checked by the parser as it fills a row, so a huge field never grows past the limit.
    max_record_size: maxRecordBytes,
    delimiter,
    relax_column_count: true,
    skip_empty_lines: true,
    info: true,
    on_record: (row, info) => {
      parsedEnd = info.bytes;
      // With info: true the row comes as { record, info }.
      firstRow ??= (row as unknown as { record: string[] }).record;
      return row;
    },
  });
  const rows = pipeline(Readable.from(bytes(), { objectMode: false }), parser, () => undefined) as AsyncIterable<{ record: string[]; info: Info }>;
  let header: string[] | undefined;
  let columns = new Map<Field, number>();
  let end = 0;
  let emptyLines = 0;
  const dropBlanks = (line: number, count: number) => {
    if (count === 0 || ctx.limitReached?.()) return;
    ctx.countIn(1);
    ctx.drop({ id: lineId(uri, line), source: { uri, line } }, reason('empty_lines', { lines: count }));
  };
  try {
    for await (const { record, info } of rows) {
      // A row starts after the previous one's end and the blank lines skipped since.
      const blankFrom = lines.lineAt(end);
      const blanks = info.empty_lines - emptyLines;
      const line = blankFrom + blanks;
      const from = end;
      window.release(from);
      end = info.bytes;
      emptyLines = info.empty_lines;
      dropBlanks(blankFrom, blanks);
      const bad = rowBadByte(record, () => window.bytes(from, info.bytes));
      const badAt = bad && { line: lines.lineAt(from + bad.offset), column: bad.column, byte: hexByte(bad.byte) };
      if (header === undefined) {
        if (badAt) throw new SourceError(uri, `line ${badAt.line}, column ${badAt.column}: the header row is not UTF-8 text (invalid byte ${badAt.byte})`);
        header = record;
        columns = columnIndexes(header, plan, uri, delimiter);
        continue;
      }
      // --limit counts rows read, dropped or not.
      if (ctx.limitReached?.()) return;
      ctx.countIn(1);
      const source = { uri, line };
      const at = { id: lineId(uri, line), source };
      // Only a rejected row is cut out of the window.
      const asWritten = () => ({ ...at, data: { raw: rowText(window.text(from, info.bytes)) } });
      if (badAt) {
        ctx.drop(asWritten(), reason('invalid_utf8', badAt));
        continue;
      }
      if (record.length !== header.length) {
        ctx.drop(asWritten(), reason('wrong_column_count', { expected: header.length, got: record.length }));
        continue;
      }
      const mapped = mapFields(plan, (field) => {
        const column = columns.get(field);
        return column === undefined ? undefined : record[column] || undefined;
      });
      if (isDrop(mapped)) {
        ctx.drop(asWritten(), mapped);
        continue;
      }
      yield { id: mapped.id ?? at.id, ...(mapped.group === undefined ? {} : { group: mapped.group }), source, data: mapped.data as Record<string, string>, meta: {} };
    }
  } catch (error) {
    // A row over the limit cannot be skipped: where it ends depends on quotes the parser has not
    // seen, so the run stops naming the line where the row starts.
    if (error instanceof CsvError && error.code === 'CSV_MAX_RECORD_SIZE') {
      const line = lines.lineAt(parsedEnd) + leadingBlankLines(window.text(parsedEnd));
      throw new SourceError(uri, `line ${line}: a row over maxRecordBytes (${byteSize(maxRecordBytes)}); a field this long is not text for fine-tuning, or a quote is never closed`, { cause: error });
    }
    // A broken quote throws the reader off for the rest of the file: no row after it can be trusted.
    if (error instanceof CsvError) {
      // csv-parse's own line in the message is where it gave up (the end of input for an open quote);
      // name the line where the bad field starts too: the row's first line, moved down by the line
      // breaks inside the fields before it.
      const between = window.text(parsedEnd);
      const firstLine = lines.lineAt(parsedEnd) + leadingBlankLines(between);
      const field = typeof error['index'] === 'number' ? error['index'] : 0;
      const line = fieldStartLine(rowText(between), firstLine, field, delimiter);
      const hint = firstRow ? delimiterHint(firstRow, delimiter) : '';
      throw new SourceError(uri, `line ${line}: CSV syntax error: ${csvSyntaxText(error)}${hint}`, { cause: error });
    }
    throw error;
  }
  dropBlanks(lines.lineAt(end), lines.breaksFrom(end));
}

async function* readCsv(inputs: readonly string[], options: Options, ctx: StageContext): AsyncGenerator<Item<Record<string, string>>> {
  const plan = fieldPlan(options.fields, options.id, options.group);
  for (const uri of inputs) if (!ctx.limitReached?.()) yield* csvItems(uri, plan, options.delimiter, options.maxRecordBytes, options, ctx);
}

/**
 * CSV with a header row (quoted fields with commas and line breaks, BOM, CRLF), streamed through
 * csv-parse: one item per row, `data` holding the mapped columns as strings.
 */
export const importCsv = defineSource('import-csv', ImportCsvOptions, explainNoRecords('csv', readCsv), (options) => inputList(options.path));
