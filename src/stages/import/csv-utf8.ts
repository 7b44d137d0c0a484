import { isUtf8 } from 'node:buffer';
import { firstInvalidUtf8 } from './utf8.js';

/** The first byte of a row that is not UTF-8: its offset in the row's bytes and its column on its own line. */
export interface RowBadByte {
  offset: number;
  /** 1-based, in bytes, on the physical line the byte is on (a quoted field may span lines). */
  column: number;
  byte: number;
}

/**
 * Whether a row's bytes hold some that are not UTF-8. csv-parse decodes them to U+FFFD without a
 * word, so only a row with U+FFFD in a cell is looked at again as bytes: a real U+FFFD (EF BF BD)
 * is valid and passes. `bytes` is the row as read, from the end of the previous row.
 */
export const rowBadByte = (cells: readonly string[], bytes: () => Buffer): RowBadByte | undefined => {
  if (!cells.some((c) => c.includes('\ufffd'))) return undefined;
  const raw = bytes();
  if (isUtf8(raw)) return undefined;
  const offset = firstInvalidUtf8(raw);
  return { offset, column: offset - raw.lastIndexOf(0x0a, offset), byte: raw[offset]! };
};
