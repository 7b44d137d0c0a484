import { isUtf8 } from 'node:buffer';

/**
 * Offset of the first byte of `bytes` that is not part of a well-formed UTF-8 sequence (the
 * decoder's rule: overlongs, surrogates D800-DFFF and code points past U+10FFFF are invalid, and
 * so is a sequence cut off by the end), or -1 when all of it is valid. Only called on text that
 * `isUtf8` has already refused, so it may be plain JavaScript.
 */
export const firstInvalidUtf8 = (bytes: Uint8Array): number => {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0; // overlong
      if (b === 0xed) hi = 0x9f; // surrogates
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90; // overlong
      if (b === 0xf4) hi = 0x8f; // past U+10FFFF
    } else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || c < (k === 1 ? lo : 0x80) || c > (k === 1 ? hi : 0xbf)) return i;
    }
    i += need + 1;
  }
  return -1;
};

/** Text that was not valid UTF-8: `offset` is where the first bad byte is in the whole stream. */
export class InvalidUtf8Error extends Error {
  override name = 'InvalidUtf8Error';
  constructor(
    readonly offset: number,
    readonly byte: number,
  ) {
    super(`invalid UTF-8 byte ${hexByte(byte)}`);
  }
}

export const hexByte = (b: number): string => `0x${b.toString(16).padStart(2, '0')}`;

/** How many bytes at the end of `bytes` begin a multi-byte sequence that the next chunk completes. */
const incompleteTail = (bytes: Uint8Array): number => {
  const n = bytes.length;
  for (let k = 1; k <= Math.min(3, n); k++) {
    const b = bytes[n - k]!;
    if ((b & 0xc0) === 0x80) continue; // a continuation byte: look further back for its lead
    const len = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return len > k ? k : 0;
  }
  return 0;
};

/**
 * UTF-8 chunks to strings, strictly: the valid text before a bad byte is yielded, then an
 * InvalidUtf8Error says where it is (a stream decoder would have turned it into U+FFFD without a
 * word). A U+FFFD written as its own three bytes is valid text and passes. A BOM at the start is
 * dropped, as TextDecoder does. `isUtf8` is native, so checking costs little next to decoding.
 */
export async function* decodeUtf8Strict(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  let carry: Buffer | undefined;
  let consumed = 0;
  let first = true;
  for await (const chunk of chunks) {
    // An empty read (a network stream may give one) must not end the wait for a BOM.
    if (chunk.byteLength === 0) continue;
    let bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (carry) {
      bytes = Buffer.concat([carry, bytes]);
      carry = undefined;
    }
    let start = 0;
    if (first) {
      if (bytes.length < 3 && bytes.length > 0 && bytes[0] === 0xef) {
        carry = bytes;
        continue;
      }
      first = false;
      if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
    }
    const cut = bytes.length - incompleteTail(bytes);
    const body = bytes.subarray(start, cut);
    if (!isUtf8(body)) {
      const bad = firstInvalidUtf8(body);
      if (bad > 0) yield body.toString('utf8', 0, bad);
      throw new InvalidUtf8Error(consumed + start + bad, body[bad]!);
    }
    if (body.length > 0) yield body.toString('utf8');
    consumed += cut;
    if (cut < bytes.length) carry = Buffer.from(bytes.subarray(cut));
  }
  if (carry && carry.length > 0) {
    const body = first && carry[0] === 0xef && carry[1] === 0xbb && carry[2] === 0xbf ? carry.subarray(3) : carry;
    const bad = firstInvalidUtf8(body);
    if (bad < 0) {
      yield body.toString('utf8');
      return;
    }
    if (bad > 0) yield body.toString('utf8', 0, bad);
    throw new InvalidUtf8Error(consumed + (carry.length - body.length) + bad, body[bad]!);
  }
}

/**
 * The same bytes, passed on unchanged, checked to be UTF-8 on the way: an InvalidUtf8Error at the
 * first bad byte (its offset in the stream), for readers that take bytes (csv-parse) and must not
 * let U+FFFD through. A character split across chunks is checked whole.
 */
export async function* checkUtf8(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  let carry: Buffer | undefined;
  let consumed = 0;
  for await (const chunk of chunks) {
    const bytes = carry ? Buffer.concat([carry, chunk]) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const cut = bytes.length - incompleteTail(bytes);
    const body = bytes.subarray(0, cut);
    if (!isUtf8(body)) {
      const bad = firstInvalidUtf8(body);
      throw new InvalidUtf8Error(consumed + bad, body[bad]!);
    }
    // The carried bytes were checked with this chunk; the chunk itself goes on as it came.
    yield chunk;
    consumed += cut;
    carry = cut < bytes.length ? Buffer.from(bytes.subarray(cut)) : undefined;
  }
  if (carry) throw new InvalidUtf8Error(consumed, carry[0]!);
}
