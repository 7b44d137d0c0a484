import { closeSync, existsSync, openSync, readSync, truncateSync } from 'node:fs';
import { TunesetError } from './errors.js';

/** A line of an append-only JSONL file that is broken although a kill cannot explain it. */
export class JournalLineError extends TunesetError {
  override name = 'JournalLineError';
  constructor(
    readonly path: string,
    readonly line: number,
    message: string,
  ) {
    super(`${path}: line ${line} ${message}`);
  }
}

export interface ReadAppendOnlyJsonlOptions<T> {
  /** Whether a parsed line has the shape its writer gives it. */
  check: (value: unknown) => value is T;
  /** What one line holds, for the error: "a crawl record". */
  what: string;
  /** What the user can do about a damaged file ("Delete it to ..."), appended to the error. */
  remedy?: string;
  /**
   * Cut a torn last line off the file, so that the next append starts on a line of its own instead
   * of gluing itself to the fragment (which would turn it into a broken line in the middle).
   * @default false
   */
  repair?: boolean;
}

export interface AppendOnlyJsonl<T> {
  /** The values of the whole lines, in file order. */
  values: T[];
  /** 1 when the last line was cut short by a killed writer and skipped, else 0. */
  tornLines: number;
}

/** What a streamed read found besides its values. */
export interface AppendOnlyJsonlRead {
  /** How many values were visited. */
  values: number;
  /** 1 when the last line was cut short by a killed writer and skipped, else 0. */
  tornLines: number;
}

const CHUNK_BYTES = 1 << 20;

/**
 * Reads a JSONL file written one whole line at a time (journals, caches, sidecars). A kill can cut
 * only the last line short: when it has no newline or does not parse, it is skipped and counted in
 * `tornLines`. Any other line that does not parse or lacks the expected shape is an error naming
 * the file and the 1-based line. Blank lines are skipped. A missing file reads as empty.
 */
export const readAppendOnlyJsonl = <T>(path: string, options: ReadAppendOnlyJsonlOptions<T>): AppendOnlyJsonl<T> => {
  const values: T[] = [];
  const { tornLines } = eachAppendOnlyJsonl(path, options, (value) => values.push(value));
  return { values, tornLines };
};

/**
 * readAppendOnlyJsonl one value at a time, reading the file in chunks: a cache of a million lines
 * is never a string or an array in memory (`chunkBytes` is for tests of lines across chunks).
 */
export const eachAppendOnlyJsonl = <T>(path: string, options: ReadAppendOnlyJsonlOptions<T>, visit: (value: T) => void, chunkBytes = CHUNK_BYTES): AppendOnlyJsonlRead => {
  if (!existsSync(path)) return { values: 0, tornLines: 0 };
  const remedy = options.remedy ? ` ${options.remedy}` : '';
  // A line that did not parse is torn only if no other line follows it; it waits here until we know.
  let unparsed: { line: number; offset: number; error: Error } | undefined;
  const damaged = ({ line, error }: { line: number; error: Error }) => {
    const why = 'Only the last line of this append-only file can be cut short by a killed process, and this one is followed by more, so the file is damaged or was edited.';
    return new JournalLineError(path, line, `is not valid JSON (${error.message}). ${why}${remedy}`);
  };
  let visited = 0;
  let line = 0;
  const takeLine = (bytes: Buffer, offset: number): void => {
    line++;
    const text = bytes.toString('utf8');
    if (text.trim() === '') return;
    if (unparsed) throw damaged(unparsed);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      unparsed = { line, offset, error: error as Error };
      return;
    }
    if (!options.check(value)) throw new JournalLineError(path, line, `is not ${options.what}, so the file is damaged or was edited.${remedy}`);
    visited++;
    visit(value);
  };

  const fd = openSync(path, 'r');
  // The start of a line not yet ended, in pieces joined once its newline comes: a line can span
  // many chunks (a sitemap in the text cache), and joining chunk by chunk would copy it over and over.
  let pending: Buffer[] = [];
  let pendingOffset = 0;
  try {
    const chunk = Buffer.allocUnsafe(chunkBytes);
    for (let offset = 0, n: number; (n = readSync(fd, chunk, 0, chunkBytes, null)) > 0; offset += n) {
      const bytes = chunk.subarray(0, n);
      let start = 0;
      for (let nl = bytes.indexOf(0x0a); nl !== -1; nl = bytes.indexOf(0x0a, start)) {
        const piece = bytes.subarray(start, nl);
        if (pending.length === 0) takeLine(piece, offset + start);
        else takeLine(Buffer.concat([...pending, piece]), pendingOffset);
        pending = [];
        start = nl + 1;
      }
      if (start === n) continue;
      if (pending.length === 0) pendingOffset = offset + start;
      // Copied: `chunk` is reused by the next read.
      pending.push(Buffer.from(bytes.subarray(start)));
    }
  } finally {
    closeSync(fd);
  }
  // Text after the last newline is a line whose writer was killed before it ended it.
  let cutAt: number | undefined;
  if (Buffer.concat(pending).toString('utf8').trim() !== '') {
    // Only one line can be the torn one: a broken whole line before the tail is damage.
    if (unparsed) throw damaged(unparsed);
    cutAt = pendingOffset;
  } else if (unparsed) cutAt = unparsed.offset;
  if (cutAt === undefined) return { values: visited, tornLines: 0 };
  if (options.repair) truncateSync(path, cutAt);
  return { values: visited, tornLines: 1 };
};
