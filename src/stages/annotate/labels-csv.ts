import { CsvError, parse, type Info } from 'csv-parse';
import { pipeline, Readable } from 'node:stream';
import { SourceError } from '../../pipeline/errors.js';
import { LineIndex } from '../import/line-index.js';
import { checkUtf8, InvalidUtf8Error } from '../import/utf8.js';
import type { Answer, LabelEvent, LabelRow } from './labels-row.js';

/** A row of cells as the labels table reads it: cells trimmed (spreadsheets leave stray spaces), an empty cell no value. */
const toRow = (header: string[], cells: string[], at: string): LabelRow => {
  const columns = new Map<string, Answer[]>();
  header.forEach((name, i) => {
    const cell = cells[i]?.trim() ?? '';
    columns.set(name, cell === '' ? [] : [{ value: cell }]);
  });
  return { at, columns };
};

/**
 * The rows of a labels CSV (header row first), through csv-parse: a BOM, CRLF, quoted cells with
 * commas and line breaks. Lines are counted from byte offsets, as the CSV source does, since
 * csv-parse's own line count drifts on CRLF inside quotes. A row with more or fewer cells than the
 * header is skipped, with a message; a broken quote is fatal.
 */
export async function* readLabelsCsv(file: string, bytes: AsyncIterable<Uint8Array>, delimiter: string): AsyncGenerator<LabelEvent> {
  const lines = new LineIndex();
  const counted = async function* () {
    for await (const chunk of bytes) {
      lines.add(chunk);
      yield chunk;
    }
  };
  let parsedEnd = 0;
  const parser = parse({
    bom: true,
    delimiter,
    relax_column_count: true,
    skip_empty_lines: true,
    info: true,
    on_record: (row, info) => {
      parsedEnd = info.bytes;
      return row;
    },
  });
  // Checked before csv-parse sees them (it would turn bytes that are not UTF-8 into U+FFFD), and
  // counted first, so a bad byte's line is known.
  const rows = pipeline(Readable.from(checkUtf8(counted()), { objectMode: false }), parser, () => undefined) as AsyncIterable<{ record: string[]; info: Info }>;
  let header: string[] | undefined;
  let end = 0;
  let emptyLines = 0;
  try {
    for await (const { record, info } of rows) {
      // A row starts after the previous one's end and the blank lines skipped since.
      const line = lines.lineAt(end) + (info.empty_lines - emptyLines);
      end = info.bytes;
      emptyLines = info.empty_lines;
      if (header === undefined) {
        header = record.map((h) => h.trim());
        yield { kind: 'header', columns: header };
        continue;
      }
      const at = `${file}:${line}`;
      if (record.length !== header.length) {
        yield { kind: 'skipped', message: `${at}: ${record.length} cells where the header has ${header.length}; row skipped` };
        continue;
      }
      yield { kind: 'row', row: toRow(header, record, at) };
    }
  } catch (error) {
    // Past a broken quote no row can be trusted: the labels would be joined to the wrong keys.
    if (error instanceof CsvError) throw new SourceError(file, `line ${lines.lineAt(parsedEnd)}: CSV syntax error: ${error.message}`, { cause: error });
    if (error instanceof InvalidUtf8Error) throw new SourceError(file, `line ${lines.lineAt(error.offset)}: ${error.message}; the file must be UTF-8 text`, { cause: error });
    throw error;
  }
}
