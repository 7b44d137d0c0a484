import type { Json } from './item.js';

/** What rejected.jsonl keeps of one record's `data` at most: a 2 GB junk line must not become a 2 GB entry. */
export const MAX_REJECTED_DATA_BYTES = 64 * 1024;

/** Stands in for a rejected record's `data` that was too large (or could not be written) as it was. */
export interface CutData {
  truncated: true;
  /** UTF-8 size of `data` as JSON text, when it could be serialised. */
  bytes?: number;
  /** The first bytes of that JSON text, cut at a character boundary. */
  head?: string;
  /** Why it could not be serialised at all (nesting too deep for JSON.stringify). */
  error?: string;
}

/** The first `max` bytes of `text` as UTF-8, never ending in half a character. */
export const utf8Head = (text: string, max: number): string => {
  // max UTF-16 units are at least max bytes, so the slice holds the whole head.
  const bytes = Buffer.from(text.slice(0, max), 'utf8');
  if (bytes.length <= max) return bytes.toString('utf8');
  let end = max;
  while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end).toString('utf8');
};

/**
 * A rejected record's `data` as rejected.jsonl stores it: as it was when its JSON text is at most
 * `max` bytes, else `{ truncated: true, bytes, head }` with the first `max` bytes of that text, so a
 * reader sees what the record looked like and how big it was without the file growing by its size.
 */
export const rejectedData = (data: unknown, max = MAX_REJECTED_DATA_BYTES): Json | CutData => {
  let text: string;
  try {
    text = JSON.stringify(data);
  } catch (error) {
    return { truncated: true, error: `could not be serialised: ${(error as Error).message}` };
  }
  // Cheap first: a string of n units is at most 3n bytes.
  if (text.length * 3 <= max || Buffer.byteLength(text, 'utf8') <= max) return data as Json;
  return { truncated: true, bytes: Buffer.byteLength(text, 'utf8'), head: utf8Head(text, max) };
};
