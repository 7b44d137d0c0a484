import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { SpillingKeyTable } from '../../pipeline/compact/spilling-key-table.js';
import { StringSpool } from '../../pipeline/compact/string-spool.js';
import { Uint32List } from '../../pipeline/compact/uint32-list.js';
import type { Item } from '../../pipeline/item.js';
import { contentKeyWords } from './content-key-words.js';

/**
 * What order-independent dedupe keeps while it waits for the whole input. Memory holds 4 bytes a
 * record (its content class) and a 128-bit key per distinct content (spilling to disk past the
 * budget); each record's id and group, and its body with its content key, wait in spool files.
 */
export class DedupeKeys {
  /** Per record, its content class: classes are numbered in order of first appearance. */
  readonly classOf = new Uint32List();
  readonly #classes: SpillingKeyTable;
  readonly #rows: StringSpool;
  readonly #bodies: StringSpool;
  readonly #words = new Uint32Array(4);
  #classCount = 0;
  #lastRow = -1;
  #lastRowValue: [string, string] = ['', ''];

  constructor(tmpDir: string, keyMemoryBytes: number) {
    const base = join(tmpDir, `dedupe-${randomUUID()}`);
    this.#classes = new SpillingKeyTable(tmpDir, keyMemoryBytes);
    this.#rows = new StringSpool(`${base}.ids`);
    this.#bodies = new StringSpool(`${base}.spool`);
  }

  /** Records pushed. */
  get size(): number {
    return this.classOf.length;
  }

  /** Distinct contents seen. */
  get classCount(): number {
    return this.#classCount;
  }

  /** Adds a record with its content key; returns its index and whether its class is new. */
  push(item: Item<unknown>, key: string): { index: number; isNew: boolean } {
    const known = this.#classes.setIfAbsent(contentKeyWords(key, this.#words), this.#classCount);
    const index = this.classOf.length;
    this.classOf.push(known ?? this.#classCount++);
    this.#rows.push(JSON.stringify([item.id, item.group ?? item.id]));
    // JSON has no raw line breaks or spaces outside strings, and the key none at all: one space splits them
    this.#bodies.push(`${key} ${JSON.stringify(item)}`);
    return { index, isNew: known === undefined };
  }

  /** The key table is needed only while records arrive: its memory is freed before they go out. */
  sealClasses(): void {
    this.#classes.close();
  }

  /** Record i's id and group, read back from the spool (the last one asked is remembered). */
  idAndGroup(i: number): [string, string] {
    if (i !== this.#lastRow) {
      this.#lastRowValue = JSON.parse(this.#rows.get(i)) as [string, string];
      this.#lastRow = i;
    }
    return this.#lastRowValue;
  }

  /** Record i as pushed. */
  item<T>(i: number): Item<T> {
    return splitBody<T>(this.#bodies.get(i)).item;
  }

  /** Every record in input order with its content key. */
  *inOrder<T>(): Generator<{ key: string; item: Item<T> }> {
    for (const body of this.#bodies.inOrder()) yield splitBody<T>(body);
  }

  dispose(): void {
    this.#classes.close();
    this.#rows.dispose();
    this.#bodies.dispose();
  }
}

const splitBody = <T>(body: string): { key: string; item: Item<T> } => {
  const space = body.indexOf(' ');
  return { key: body.slice(0, space), item: JSON.parse(body.slice(space + 1)) as Item<T> };
};
