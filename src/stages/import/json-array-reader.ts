import { SourceError } from '../../pipeline/errors.js';
import { JsonArrayScanner, type ArrayElement } from './json-array-scanner.js';
import { jsonTextError } from './json-syntax.js';
import { decodeUtf8Strict, InvalidUtf8Error } from './utf8.js';

export interface ParsedElement {
  value: unknown;
  /** The element as written: where a defect JSON.parse let through (a key written twice) is found. */
  text: string;
  line: number;
  column: number;
  childLines: number[];
}

const parse = (element: ArrayElement, uri: string): ParsedElement => {
  try {
    return { value: JSON.parse(element.text) as unknown, text: element.text, line: element.line, column: element.column, childLines: element.childLines };
  } catch (error) {
    throw jsonTextError(uri, element.text, element.line, element.column, (error as Error).message);
  }
};

/**
 * The elements of a streamed top-level JSON array, parsed one at a time as the consumer asks for
 * them. A syntax error anywhere is fatal, and so is a byte that is not UTF-8: a SourceError naming
 * the line and column.
 */
export async function* readJsonArray(chunks: AsyncIterable<Uint8Array>, uri: string, childKey?: string, maxElementBytes = Infinity): AsyncGenerator<ParsedElement> {
  const scanner = new JsonArrayScanner(uri, childKey, maxElementBytes);
  const out: ArrayElement[] = [];
  try {
    for await (const text of decodeUtf8Strict(chunks)) {
      scanner.push(text, out);
      // Taken out before yielding, so a consumer that stops early leaves nothing half-handled.
      for (const element of out.splice(0)) yield parse(element, uri);
    }
  } catch (error) {
    if (!(error instanceof InvalidUtf8Error)) throw error;
    // The text before the bad byte has all been pushed, so the scanner stands right at it. One bad
    // byte in a whole-file array cannot be dropped alone: the file is refused, naming the place.
    const { line, column } = scanner.position();
    throw new SourceError(uri, `line ${line}, column ${column}: ${error.message} (byte ${error.offset + 1} of the file); the file must be UTF-8 text`, { cause: error });
  }
  scanner.end(out);
  for (const element of out.splice(0)) yield parse(element, uri);
}
