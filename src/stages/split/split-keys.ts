/**
 * The small keys split keeps per record, in columns rather than one object per record: at 200k
 * records this is a few typed arrays and two string arrays instead of 200k objects with five
 * strings each, which keeps the barrier's memory close to flat.
 */
export class SplitKeys {
  size = 0;
  ids: string[] = [];
  groups: string[] = [];
  readonly labelNames: string[] = [];
  readonly #labelIndex = new Map<string, number>();
  labels = new Uint32Array(1024);
  /** Seeded order key, 52 bits exact as a double. */
  order = new Float64Array(1024);
  offsets = new Float64Array(1024);
  lengths = new Uint32Array(1024);

  push(id: string, group: string, label: string, order: number, at: { offset: number; length: number }): void {
    if (this.size === this.labels.length) this.#grow();
    const i = this.size++;
    this.ids.push(id);
    this.groups.push(group);
    let l = this.#labelIndex.get(label);
    if (l === undefined) {
      l = this.labelNames.push(label) - 1;
      this.#labelIndex.set(label, l);
    }
    this.labels[i] = l;
    this.order[i] = order;
    this.offsets[i] = at.offset;
    this.lengths[i] = at.length;
  }

  label(i: number): string {
    return this.labelNames[this.labels[i]!]!;
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
    this.lengths = grow(this.lengths, (k) => new Uint32Array(k));
  }
}

/** The first 52 bits of a digest as a number: exact in a double, and collisions are ~1e-5 likely at 200k records. */
export const hash52 = (digest: Buffer): number => digest.readUIntBE(0, 6) * 16 + (digest[6]! >> 4);
