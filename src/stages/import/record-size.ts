import { z } from 'zod';

/** 8 MiB: far above any real fine-tuning example, far below what a string or the heap can hold. */
export const DEFAULT_MAX_RECORD_BYTES = 8 * 1024 * 1024;

/**
 * The `maxRecordBytes` option every import source takes. It is checked while reading, before a
 * record is parsed, so a huge line costs its reading time and no more memory than the limit.
 */
export const maxRecordBytesSchema = z
  .number()
  .int()
  .positive()
  .default(DEFAULT_MAX_RECORD_BYTES)
  .describe('Largest record read, in bytes (a JSONL line, a CSV row, an AR-LSAT passage), checked while reading before any parsing (8388608 = 8 MiB).');

/** The drop of a line over the limit (JSONL and evals, which can skip to the next line). */
export const RECORD_SIZE_DROP_CODES = {
  record_too_large: 'a line longer than `maxRecordBytes`, skipped while reading without being held in memory; detail: its size in bytes and the limit',
} as const;

/** `8 MiB` for a round number of MiB or KiB, else bytes: the limit as a person would name it. */
export const byteSize = (n: number): string =>
  n % (1024 * 1024) === 0 ? `${n / (1024 * 1024)} MiB` : n % 1024 === 0 ? `${n / 1024} KiB` : `${n} bytes`;
