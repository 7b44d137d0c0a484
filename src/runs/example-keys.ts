import { sha256 } from '../pipeline/hash.js';
import type { Json } from '../pipeline/item.js';

/** The label an example is counted under when its meta has none for the label field. */
export const NO_LABEL = '(none)';

/** The example's label: meta[field] as text (strings as they are, other values as JSON). */
export const labelOf = (meta: Record<string, Json>, field: string): string => {
  const v = Object.hasOwn(meta, field) ? meta[field] : undefined;
  if (v === undefined || v === null) return NO_LABEL;
  return typeof v === 'string' ? v : JSON.stringify(v);
};

/**
 * A 96-bit digest of a written line: what the diff keeps per example instead of the line. Two
 * different lines share one with a chance of about n²/2^97 in a run of n examples (nil for any
 * real dataset), and it is 16 characters where a line may be many kilobytes.
 */
export const lineDigest = (line: string): string => sha256(line, 'base64').slice(0, 16);

/**
 * Gives each occurrence of an id a key: the id itself the first time, `<id>#2`, `<id>#3`, ... for
 * repeats, in meta.jsonl order. A run should not repeat an id, but if one does, every example is
 * still compared (the nth copy in one run with the nth copy in the other) and none is lost.
 */
export class OccurrenceKeys {
  /** The last copy number given, for repeated ids only. */
  private readonly copies = new Map<string, number>();
  repeats = 0;

  /** `taken`: whether the run already has an example under that key. */
  key(id: string, taken: (key: string) => boolean): string {
    if (!taken(id)) return id;
    this.repeats++;
    let n = this.copies.get(id) ?? 1;
    let key: string;
    do key = `${id}#${++n}`;
    while (taken(key));
    this.copies.set(id, n);
    return key;
  }
}
