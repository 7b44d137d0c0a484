/**
 * The small keys split keeps per record while it reads, in typed columns and no string or object
 * per record: the label as a number, the seeded order key and where the body lies in the spool
 * (bodies are back to back, so a body ends where the next starts). Group names wait in a NameLog
 * until the input ends; ids are not kept: the output order needs one only when two records tie on
 * the order key, and then it is read back from the spool.
 */
export class SplitKeys {
  size = 0;
  readonly labelNames: string[] = [];
  readonly #labelIndex = new Map<string, number>();
  labels = new Uint32Array(1024);
  /** Seeded order key, 52 bits exact as a double. */
  order = new Float64Array(1024);
  offsets = new Float64Array(1024);
  #end = 0;

  push(label: string, order: number, at: { offset: number; length: number }): void {
    if (this.size === this.labels.length) this.#grow();
    const i = this.size++;
    let l = this.#labelIndex.get(label);
    if (l === undefined) {
      l = this.labelNames.push(label) - 1;
      this.#labelIndex.set(label, l);
    }
    this.labels[i] = l;
    this.order[i] = order;
    this.offsets[i] = at.offset;
    this.#end = at.offset + at.length;
  }

  label(i: number): string {
    return this.labelNames[this.labels[i]!]!;
  }

  /** Where record i's body lies in the spool. */
  at(i: number): { offset: number; length: number } {
    const offset = this.offsets[i]!;
    return { offset, length: (i + 1 < this.size ? this.offsets[i + 1]! : this.#end) - offset };
  }

  #grow(): void {
    const n = this.labels.length * 2;
    const grow = <A extends Float64Array | Uint32Array>(a: A, make: (n: number) => A) => {
      const b = make(n);
      b.set(a);
      return b;
    };
    this.labels = grow(this.labels, (k) => new Uint32Array(k));
    this.order = grow(this.order, (k) => new Float64Array(k));
    this.offsets = grow(this.offsets, (k) => new Float64Array(k));
  }
}

/** The first 52 bits of a digest as a number: exact in a double, and collisions are ~1e-5 likely at 200k records. */
export const hash52 = (digest: Buffer): number => digest.readUIntBE(0, 6) * 16 + (digest[6]! >> 4);
