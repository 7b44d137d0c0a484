import { isUtf8 } from 'node:buffer';
import { firstInvalidUtf8 } from './utf8.js';

/** UTF-8 chunks to strings; the decoder keeps a character split across chunks whole and drops a BOM. */
export async function* decodeText(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of chunks) {
    const text = decoder.decode(chunk, { stream: true });
    if (text) yield text;
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

export interface Line {
  text: string;
  /** 1-based. */
  line: number;
}

/**
 * Lines of a text stream, split on LF with a CR before it removed. A final line break ends the last
 * line rather than starting an empty one, so a file ending in a newline has no phantom blank line.
 */
export async function* splitLines(chunks: AsyncIterable<string>): AsyncGenerator<Line> {
  let pending = '';
  let line = 0;
  for await (const chunk of chunks) {
    let start = 0;
    let end = chunk.indexOf('\n');
    if (end < 0) {
      pending += chunk;
      continue;
    }
    do {
      let text = chunk.slice(start, end);
      if (pending) {
        text = pending + text;
        pending = '';
      }
      yield { text: text.endsWith('\r') ? text.slice(0, -1) : text, line: ++line };
      start = end + 1;
      end = chunk.indexOf('\n', start);
    } while (end >= 0);
    pending = chunk.slice(start);
  }
  if (pending) yield { text: pending.endsWith('\r') ? pending.slice(0, -1) : pending, line: ++line };
}

export interface TextLine extends Line {
  /** Where the line's first byte that is not UTF-8 is (`text` then holds U+FFFD in its place). */
  invalid?: { column: number; byte: number };
  /** A line over the size limit: its size in bytes (without the line end); `text` is then ''. */
  tooLarge?: number;
}

const CR = 0x0d;

const textLine = (bytes: Buffer, line: number): TextLine => {
  let from = 0;
  // A BOM is the file's, not the first line's: dropped as decodeText drops it.
  if (line === 1 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) from = 3;
  const to = bytes.length > from && bytes[bytes.length - 1] === CR ? bytes.length - 1 : bytes.length;
  const body = bytes.subarray(from, to);
  const text = body.toString('utf8');
  // isUtf8 is native: a valid line costs one fast pass; only a bad one is searched for its byte.
  if (isUtf8(body)) return { text, line };
  const at = firstInvalidUtf8(body);
  return { text, line, invalid: { column: from + at + 1, byte: body[at]! } };
};

/**
 * Lines of a UTF-8 byte stream, split on LF (a CR before it removed) and decoded one by one, so a
 * line with invalid bytes is known as such (and where) instead of passing with U+FFFD in it, and the
 * lines around it are unharmed. As with splitLines, a final line break starts no empty line.
 */
export async function* readTextLines(chunks: AsyncIterable<Uint8Array>, maxBytes = Infinity): AsyncGenerator<TextLine> {
  let pending: Buffer[] = [];
  // Bytes of the line so far. Past maxBytes they are let go and only counted, so a line of
  // gigabytes is skipped while streaming and never held: the limit is met before a string exists.
  let size = 0;
  let lastByte = -1;
  let line = 0;
  const add = (piece: Buffer) => {
    if (piece.length === 0) return;
    size += piece.length;
    lastByte = piece[piece.length - 1]!;
    // +1: a line of exactly maxBytes may still have its CR to come.
    if (size <= maxBytes + 1) pending.push(piece);
    else pending = [];
  };
  const finish = (): TextLine => {
    const bytes = size - (lastByte === CR ? 1 : 0);
    const done = bytes > maxBytes ? { text: '', line: ++line, tooLarge: bytes } : textLine(pending.length === 1 ? pending[0]! : Buffer.concat(pending), ++line);
    pending = [];
    size = 0;
    lastByte = -1;
    return done;
  };
  for await (const chunk of chunks) {
    const bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let start = 0;
    for (let nl = bytes.indexOf(0x0a); nl >= 0; nl = bytes.indexOf(0x0a, start)) {
      add(bytes.subarray(start, nl));
      yield finish();
      start = nl + 1;
    }
    add(bytes.subarray(start));
  }
  if (size > 0) yield finish();
}

