import { dropReasons } from '../../pipeline/drop-codes.js';
import type { StageContext } from '../../pipeline/stage.js';
import { lineId } from './input-spec.js';
import { findJsonDefect } from './json-defects.js';
import { findTooDeep, MAX_JSON_DEPTH } from './json-depth.js';
import { findHugeNumber } from './json-numbers.js';
import { findJsonSyntaxError } from './json-syntax.js';
import type { InputLimits } from './input-limits.js';
import { openInput } from './open-input.js';
import { DEFAULT_MAX_RECORD_BYTES, RECORD_SIZE_DROP_CODES } from './record-size.js';
import { readTextLines } from './text-lines.js';
import { hexByte } from './utf8.js';

/** Codes of the lines of a JSONL input that cannot become a record, whatever the source. */
export const JSON_LINES_DROP_CODES = {
  invalid_json: 'a line that is not JSON; detail: the parser message and the column',
  empty_lines: 'a run of blank lines, one record at its first line; detail: how many lines',
  invalid_utf8: 'a line whose bytes are not UTF-8 (its raw text in rejected.jsonl has U+FFFD in their place); detail: the byte column and value of the first bad byte',
  duplicate_key: 'a JSON object with a key written twice (JSON.parse would keep the last value without a word); detail: the key, its JSON path and the column of its second spelling',
  lone_surrogate: 'a string holding a lone UTF-16 surrogate (a `\\ud800` escape), which OpenAI refuses; detail: the JSON path of the string',
  number_out_of_range: 'a number too large for a double (`1e400`): JSON.parse reads it as Infinity and it would be written as null; detail: its JSON path',
  too_deep: `a line nesting arrays and objects more than ${MAX_JSON_DEPTH} levels deep (past what recursive code can walk), found before parsing; detail: the limit and the column of the bracket past it`,
  ...RECORD_SIZE_DROP_CODES,
} as const;

const reason = dropReasons(JSON_LINES_DROP_CODES);

export interface JsonLine {
  value: unknown;
  line: number;
  /** The line as written (without its line end): what rejected.jsonl stores when the caller drops it. */
  text: string;
}

/**
 * The parsed lines of one JSONL input. Every line read is counted as `in` here, and the lines that
 * cannot become a record are dropped here, with their text: a line that is not UTF-8 (`invalid_utf8`) or not
 * JSON (`invalid_json`), an object with a key written twice (`duplicate_key`) or a string with a lone
 * surrogate (`lone_surrogate`), and each run
 * of blank (empty or whitespace-only) lines as one record (`empty_lines`, at its first line), so a
 * stray gap in a file is one entry in rejected.jsonl and not hundreds. The caller yields or drops
 * what is left, one for one.
 */
export async function* readJsonLines(uri: string, ctx: StageContext, maxRecordBytes = DEFAULT_MAX_RECORD_BYTES, limits: Partial<InputLimits> = {}): AsyncGenerator<JsonLine> {
  let blankFrom = 0;
  let blanks = 0;
  const dropBlanks = () => {
    if (blanks === 0 || ctx.limitReached?.()) return;
    ctx.countIn(1);
    ctx.drop({ id: lineId(uri, blankFrom), source: { uri, line: blankFrom } }, reason('empty_lines', { lines: blanks }));
    blanks = 0;
  };
  for await (const { text, line, invalid, tooLarge } of readTextLines(openInput(uri, ctx, limits), maxRecordBytes)) {
    if (tooLarge === undefined && text.trim() === '') {
      if (blanks++ === 0) blankFrom = line;
      continue;
    }
    dropBlanks();
    // --limit counts lines read, dropped or not, so junk cannot be read (and rejected) without end.
    if (ctx.limitReached?.()) return;
    ctx.countIn(1);
    const at = { id: lineId(uri, line), source: { uri, line }, data: { raw: text } };
    if (tooLarge !== undefined) {
      // Skipped unread: rejected.jsonl gets its place and size, not its text.
      ctx.drop({ id: lineId(uri, line), source: { uri, line } }, reason('record_too_large', { bytes: tooLarge, limit: maxRecordBytes }));
      continue;
    }
    if (invalid) {
      ctx.drop(at, reason('invalid_utf8', { column: invalid.column, byte: hexByte(invalid.byte) }));
      continue;
    }
    const deep = findTooDeep(text);
    if (deep) {
      ctx.drop(at, reason('too_deep', { limit: MAX_JSON_DEPTH, column: deep.offset + 1 }));
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      const column = (findJsonSyntaxError(text)?.offset ?? text.length) + 1;
      ctx.drop(at, reason('invalid_json', { message: (error as Error).message, column }));
      continue;
    }
    const defect = findJsonDefect(text, value);
    if (defect) {
      ctx.drop(at, reason(defect.code, defect.detail));
      continue;
    }
    const huge = findHugeNumber(text, value);
    if (huge !== undefined) {
      ctx.drop(at, reason('number_out_of_range', { path: huge }));
      continue;
    }
    yield { value, line, text };
  }
  dropBlanks();
}
