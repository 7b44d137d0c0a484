import { KEY_WORDS } from '../../pipeline/compact/key128.js';
import { KeyTable } from '../../pipeline/compact/key-table.js';
import { Uint32List } from '../../pipeline/compact/uint32-list.js';
import type { ExampleTokens } from '../../tokenizers/index.js';

/** A count key as the cache file writes it: the first 16 bytes of a sha256, in 32 lowercase hex digits. */
export const COUNT_KEY = /^[0-9a-f]{32}$/;

/**
 * The counts a cache file holds, in memory as a KeyTable from the key's 128 bits to a row of two
 * uint32 columns (total, assistant): about 35-61 bytes a count, where a Map of hex strings to
 * objects took ~190. A key read twice keeps its last counts, as the file's order says.
 */
export class CountIndex {
  readonly #rows = new KeyTable();
  readonly #totals = new Uint32List();
  readonly #assistants = new Uint32List();
  readonly #words = new Uint32Array(KEY_WORDS);

  add(key: string, tokens: ExampleTokens): void {
    const row = this.#rows.setIfAbsent(keyWords(key, this.#words), this.#totals.length);
    if (row === undefined) {
      this.#totals.push(tokens.total);
      this.#assistants.push(tokens.assistant);
    } else {
      this.#totals.set(row, tokens.total);
      this.#assistants.set(row, tokens.assistant);
    }
  }

  get(key: string): ExampleTokens | undefined {
    const row = this.#rows.get(keyWords(key, this.#words));
    return row === undefined ? undefined : { total: this.#totals.get(row), assistant: this.#assistants.get(row) };
  }
}

/** The key's 32 hex digits as 4 words (any fixed mapping does: the words never leave memory). */
const keyWords = (key: string, out: Uint32Array): Uint32Array => {
  if (!COUNT_KEY.test(key)) throw new Error(`a token-count key is 32 lowercase hex digits, got ${JSON.stringify(key)}`);
  for (let w = 0; w < KEY_WORDS; w++) out[w] = Number.parseInt(key.slice(w * 8, w * 8 + 8), 16);
  return out;
};
