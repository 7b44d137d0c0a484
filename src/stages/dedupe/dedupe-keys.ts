/**
 * What order-independent dedupe keeps in memory per record while it waits for the whole input:
 * id and group strings plus typed columns (content class, spool position). The record body waits
 * in the spool, and each distinct content key is held once, in `classes`.
 */
export class DedupeKeys {
  size = 0;
  readonly ids: string[] = [];
  readonly groups: string[] = [];
  /** Content keys in order of first appearance; a record's class is its key's index here. */
  readonly classes: string[] = [];
  readonly #classIndex = new Map<string, number>();
  classOf = new Uint32Array(1024);
  offsets = new Float64Array(1024);
  lengths = new Uint32Array(1024);

  /** Adds a record and returns its index. */
  push(id: string, group: string, key: string, at: { offset: number; length: number }): number {
    if (this.size === this.classOf.length) this.#grow();
    let c = this.#classIndex.get(key);
    if (c === undefined) {
      c = this.classes.push(key) - 1;
      this.#classIndex.set(key, c);
    }
    const i = this.size++;
    this.ids.push(id);
    this.groups.push(group);
    this.classOf[i] = c;
    this.offsets[i] = at.offset;
    this.lengths[i] = at.length;
    return i;
  }

  /** The key index is needed only while records arrive. */
  sealClasses(): void {
    this.#classIndex.clear();
  }

  #grow(): void {
    const n = this.classOf.length * 2;
    const grow = <A extends Float64Array | Uint32Array>(a: A, b: A): A => (b.set(a), b);
    this.classOf = grow(this.classOf, new Uint32Array(n));
    this.offsets = grow(this.offsets, new Float64Array(n));
    this.lengths = grow(this.lengths, new Uint32Array(n));
  }
}
