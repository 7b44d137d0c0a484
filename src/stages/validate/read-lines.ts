import { isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { firstInvalidUtf8 } from '../import/utf8.js';

export interface RawLine {
  /** 1-based. */
  number: number;
  /** The line without its `\n` (or `\r\n`); undefined when its bytes are not valid UTF-8. */
  text: string | undefined;
  /** Where the first byte that is not UTF-8 is (1-based byte column) and its value. */
  invalid?: { column: number; byte: number };
}

const NEWLINE = 0x0a;
const CR = 0x0d;

// fatal: a bad byte must be reported, not silently turned into U+FFFD as readline would.
// ignoreBOM: keep a byte order mark in the text so the caller can name it.
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

const decode = (number: number, bytes: Buffer): RawLine => {
  const end = bytes.length > 0 && bytes[bytes.length - 1] === CR ? bytes.length - 1 : bytes.length;
  const body = bytes.subarray(0, end);
  if (!isUtf8(body)) {
    const at = firstInvalidUtf8(body);
    return { number, text: undefined, invalid: { column: at + 1, byte: body[at]! } };
  }
  try {
    return { number, text: decoder.decode(body) };
  } catch {
    return { number, text: undefined };
  }
};

/**
 * Streams a file's lines as bytes split on `\n`, decoding each line on its own, so memory holds one
 * line at a time. A final newline does not start another line; a final line without one still counts.
 */
export async function* readLines(path: string): AsyncGenerator<RawLine> {
  let pending: Buffer[] = [];
  let number = 0;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    let start = 0;
    for (let nl = chunk.indexOf(NEWLINE); nl !== -1; nl = chunk.indexOf(NEWLINE, start)) {
      pending.push(chunk.subarray(start, nl));
      yield decode(++number, Buffer.concat(pending));
      pending = [];
      start = nl + 1;
    }
    if (start < chunk.length) pending.push(chunk.subarray(start));
  }
  if (pending.length > 0) yield decode(++number, Buffer.concat(pending));
}
