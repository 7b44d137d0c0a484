/**
 * An append-only list of uint32 in one typed array that doubles as it fills: 4 bytes a number
 * (8 just after a doubling) where a JS array of numbers costs 8 to 10 and boxes past 2^30.
 */
export class Uint32List {
  #items: Uint32Array;
  #length = 0;

  constructor(capacity = 1024) {
    this.#items = new Uint32Array(Math.max(16, capacity));
  }

  get length(): number {
    return this.#length;
  }

  /** Bytes of the typed array this list holds. */
  get bytes(): number {
    return this.#items.byteLength;
  }

  push(value: number): void {
    if (this.#length === this.#items.length) {
      const grown = new Uint32Array(this.#items.length * 2);
      grown.set(this.#items);
      this.#items = grown;
    }
    this.#items[this.#length++] = value;
  }

  get(index: number): number {
    this.#check(index);
    return this.#items[index]!;
  }

  set(index: number, value: number): void {
    this.#check(index);
    this.#items[index] = value;
  }

  #check(index: number): void {
    if (!Number.isInteger(index) || index < 0 || index >= this.#length) throw new RangeError(`index ${index} is outside a list of ${this.#length}`);
  }
}
