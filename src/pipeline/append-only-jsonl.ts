import { existsSync, readFileSync, truncateSync } from 'node:fs';
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

/**
 * Reads a JSONL file written one whole line at a time (journals, caches, sidecars). A kill can cut
 * only the last line short: when it has no newline or does not parse, it is skipped and counted in
 * `tornLines`. Any other line that does not parse or lacks the expected shape is an error naming
 * the file and the 1-based line. Blank lines are skipped. A missing file reads as empty.
 */
export const readAppendOnlyJsonl = <T>(path: string, options: ReadAppendOnlyJsonlOptions<T>): AppendOnlyJsonl<T> => {
  if (!existsSync(path)) return { values: [], tornLines: 0 };
  const bytes = readFileSync(path);
  const whole = bytes.lastIndexOf(0x0a) + 1;
  const lines = bytes.toString('utf8', 0, whole).split('\n');
  // Text after the last newline is a line whose writer was killed before it ended it.
  let cutAt: number | undefined = bytes.subarray(whole).toString('utf8').trim() === '' ? undefined : whole;
  let last = lines.length - 1;
  while (last >= 0 && lines[last]!.trim() === '') last--;
  const remedy = options.remedy ? ` ${options.remedy}` : '';
  const values: T[] = [];
  for (let i = 0; i <= last; i++) {
    const text = lines[i]!;
    if (text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      if (i === last && cutAt === undefined) {
        cutAt = Buffer.byteLength(lines.slice(0, i).join('\n')) + (i > 0 ? 1 : 0);
        break;
      }
      const why = 'Only the last line of this append-only file can be cut short by a killed process, and this one is followed by more, so the file is damaged or was edited.';
      throw new JournalLineError(path, i + 1, `is not valid JSON (${(error as Error).message}). ${why}${remedy}`);
    }
    if (!options.check(value)) throw new JournalLineError(path, i + 1, `is not ${options.what}, so the file is damaged or was edited.${remedy}`);
    values.push(value);
  }
  if (cutAt === undefined) return { values, tornLines: 0 };
  if (options.repair) truncateSync(path, cutAt);
  return { values, tornLines: 1 };
};
