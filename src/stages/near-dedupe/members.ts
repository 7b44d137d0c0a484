import type { Item } from '../../pipeline/item.js';
import type { Spool } from '../split/spool.js';
import { textOf } from './compared-text.js';
import type { NearKeys } from './near-keys.js';

/** What the keep rules and a drop's detail need of a record, read back from its spooled body. */
export interface Member {
  id: string;
  group: string;
  /** Characters of the compared text ('longest'). */
  textLength: number;
  /** source.fetchedAt in ms ('newest'); NaN when absent. */
  fetchedAt: number;
}

// Kept members are asked for again and again (once per member of their cluster); a few thousand
// recent ones are enough, and the map is cleared rather than grown past that.
const CACHED = 4096;

export type Body = Item<Record<string, unknown>>;

/** Reads records back from the spool: whole bodies in order, and members by index with a small cache. */
export class Members {
  readonly #cache = new Map<number, Member>();

  constructor(readonly spool: Spool, readonly keys: NearKeys, readonly fields: readonly string[]) {}

  body(i: number): Body {
    return JSON.parse(this.spool.read(this.keys.body(i))) as Body;
  }

  member = (i: number): Member => {
    let m = this.#cache.get(i);
    if (m === undefined) {
      const item = this.body(i);
      m = {
        id: item.id,
        group: item.group ?? item.id,
        textLength: textOf(item.data, this.fields).length,
        fetchedAt: item.source.fetchedAt === undefined ? NaN : Date.parse(item.source.fetchedAt),
      };
      if (this.#cache.size >= CACHED) this.#cache.clear();
      this.#cache.set(i, m);
    }
    return m;
  };
}
