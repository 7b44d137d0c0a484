import { SourceError } from '../../pipeline/errors.js';
import { isRecord, kindOf } from '../../pipeline/item.js';
import { readJsonArray } from '../import/json-array-reader.js';
import { findTooDeep, MAX_JSON_DEPTH } from '../import/json-depth.js';
import { positionIn } from '../import/json-syntax.js';
import { readTextLines } from '../import/text-lines.js';
import { hexByte } from '../import/utf8.js';
import { answers, type LabelRow } from './labels-row.js';

/** One object of a JSON labels file: an element of a top-level array, or a JSONL line. */
export interface JsonElement {
  value: Record<string, unknown>;
  line: number;
  /** 0-based position in the array (or among the non-blank lines). */
  index: number;
  inArray: boolean;
}

/** How messages name an element: `tasks.json:12 (task [3], id 17)` in an array, `labels.jsonl:4` for a line. */
export const placeOf = (file: string, element: JsonElement, noun: string, id: unknown): string =>
  element.inArray ? `${file}:${element.line} (${noun} [${element.index}]${typeof id === 'string' || typeof id === 'number' ? `, id ${id}` : ''})` : `${file}:${element.line}`;

const isBlank = (b: number): boolean => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d || b === 0xef || b === 0xbb || b === 0xbf;

export interface Peeked {
  /** The first byte that is not whitespace or a BOM (`[` for a JSON array, `{` for JSON lines). */
  first: number | undefined;
  /** The whole stream again, from its first byte. */
  all: AsyncIterable<Uint8Array>;
}

/** Looks at the start of a stream without losing it: how an unnamed file's format is told. */
export const peekFirstByte = async (bytes: AsyncIterable<Uint8Array>): Promise<Peeked> => {
  const it = bytes[Symbol.asyncIterator]();
  const head: Uint8Array[] = [];
  let first: number | undefined;
  let done = false;
  while (first === undefined && !done) {
    const r = await it.next();
    if (r.done) done = true;
    else {
      head.push(r.value);
      first = r.value.find((b) => !isBlank(b));
    }
  }
  const all = async function* () {
    try {
      yield* head;
      if (!done) for (let r = await it.next(); !r.done; r = await it.next()) yield r.value;
    } finally {
      await it.return?.();
    }
  };
  return { first, all: all() };
};

const objectOf = (value: unknown, uri: string, line: number): Record<string, unknown> => {
  // A labels file read wrongly would join labels to the wrong records: a bad element stops the run.
  if (!isRecord(value)) throw new SourceError(uri, `line ${line}: expected a JSON object, got ${kindOf(value)}`);
  return value;
};

/**
 * Nesting past MAX_JSON_DEPTH stops the run naming the place: a label value that deep would
 * overflow the stack when the record carrying it is spooled or written.
 */
const checkDepth = (uri: string, text: string, line: number, column: number): void => {
  const deep = findTooDeep(text);
  if (deep === undefined) return;
  const at = positionIn(text, deep.offset, line, column);
  throw new SourceError(uri, `line ${at.line}, column ${at.column}: nested more than ${MAX_JSON_DEPTH} levels deep; a labels file holds labels, not structures that deep`);
};

/**
 * The objects of a JSON labels file, whichever container it is: a top-level array (Label Studio and
 * Argilla exports, JSON-MIN) or JSON lines, told by the first character. Syntax errors are fatal
 * and name the line, and so does nesting past MAX_JSON_DEPTH.
 */
export async function* readJsonElements(uri: string, { first, all }: Peeked): AsyncGenerator<JsonElement> {
  let index = 0;
  if (first === 0x5b) {
    for await (const { value, line, column, text } of readJsonArray(all, uri)) {
      checkDepth(uri, text, line, column);
      yield { value: objectOf(value, uri, line), line, index: index++, inArray: true };
    }
    return;
  }
  for await (const { text, line, invalid } of readTextLines(all)) {
    if (invalid) throw new SourceError(uri, `line ${line}, column ${invalid.column}: invalid UTF-8 byte ${hexByte(invalid.byte)}; the file must be UTF-8 text`);
    if (text.trim() === '') continue;
    checkDepth(uri, text, line, 1);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new SourceError(uri, `line ${line}: not JSON: ${(error as Error).message}`, { cause: error });
    }
    yield { value: objectOf(value, uri, line), line, index: index++, inArray: false };
  }
}

/** A plain row (JSONL, a JSON array of objects such as Label Studio's JSON-MIN): each top-level field a column. */
export const plainRow = (file: string, element: JsonElement): LabelRow => ({
  at: placeOf(file, element, 'row', element.value['id']),
  columns: new Map(Object.entries(element.value).map(([name, value]) => [name, answers(value)])),
});
