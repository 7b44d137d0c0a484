import { KEY_WORDS, key128 } from '../../pipeline/compact/key128.js';
import { SpillingKeyTable } from '../../pipeline/compact/spilling-key-table.js';
import { Uint32List } from '../../pipeline/compact/uint32-list.js';

/**
 * The ids a source has yielded, each with where it was first seen (input and line), so a repeated
 * id can be dropped naming the first. Kept compact because it lives as long as the source reads:
 * an id is its 128-bit key in a SpillingKeyTable (sorted runs on disk past `budgetBytes`) whose
 * value is the id's ordinal, the ordinal indexes the lines, and the inputs are ranges of ordinals
 * (read one after another). About 31-57 bytes an id in memory before it spills, 4 after, where a
 * Map of id strings took ~90.
 */
export class FirstSeenIds {
  readonly #table: SpillingKeyTable;
  readonly #lines = new Uint32List();
  /** The first ordinal recorded from each input, in reading order. */
  readonly #starts: { ordinal: number; uri: string }[] = [];
  readonly #key = new Uint32Array(KEY_WORDS);

  /** `dir`: where spilled keys go (removed by close()); `budgetBytes`: memory the keys may hold. */
  constructor(dir: string, budgetBytes: number) {
    this.#table = new SpillingKeyTable(dir, budgetBytes);
  }

  get size(): number {
    return this.#lines.length;
  }

  /**
   * Records `id` as first seen at `uri`:`line` and returns undefined; or, when it was recorded
   * before, returns where (`<uri>:<line>`) and records nothing.
   */
  recordFirst(id: string, uri: string, line: number): string | undefined {
    const ordinal = this.#lines.length;
    const first = this.#table.setIfAbsent(key128(id, this.#key), ordinal);
    if (first !== undefined) return `${this.#uriOf(first)}:${this.#lines.get(first)}`;
    if (this.#starts.at(-1)?.uri !== uri) this.#starts.push({ ordinal, uri });
    this.#lines.push(line);
    return undefined;
  }

  /** Deletes the spilled keys; nothing can be recorded after. */
  close(): void {
    this.#table.close();
  }

  /** The input an ordinal was recorded from: the last one that started at or before it. */
  #uriOf(ordinal: number): string {
    let lo = 0;
    let hi = this.#starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.#starts[mid]!.ordinal <= ordinal) lo = mid;
      else hi = mid - 1;
    }
    return this.#starts[lo]!.uri;
  }
}
