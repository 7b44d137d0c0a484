import { JsonArrayScanner, type ArrayElement } from './json-array-scanner.js';
import { jsonTextError } from './json-syntax.js';
import { decodeText } from './text-lines.js';

export interface ParsedElement {
  value: unknown;
  line: number;
  column: number;
  childLines: number[];
}

const parse = (element: ArrayElement, uri: string): ParsedElement => {
  try {
    return { value: JSON.parse(element.text) as unknown, line: element.line, column: element.column, childLines: element.childLines };
  } catch (error) {
    throw jsonTextError(uri, element.text, element.line, element.column, (error as Error).message);
  }
};

/**
 * The elements of a streamed top-level JSON array, parsed one at a time as the consumer asks for
 * them. A syntax error anywhere is fatal: a SourceError naming the line and column.
 */
export async function* readJsonArray(chunks: AsyncIterable<Uint8Array>, uri: string, childKey?: string): AsyncGenerator<ParsedElement> {
  const scanner = new JsonArrayScanner(uri, childKey);
  const out: ArrayElement[] = [];
  for await (const text of decodeText(chunks)) {
    scanner.push(text, out);
    // Taken out before yielding, so a consumer that stops early leaves nothing half-handled.
    for (const element of out.splice(0)) yield parse(element, uri);
  }
  scanner.end(out);
  for (const element of out.splice(0)) yield parse(element, uri);
}
