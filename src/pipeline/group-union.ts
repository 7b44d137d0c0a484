/**
 * Run-level union-find over group keys. The representative of a set is always its smallest key, so
 * the group an item resolves to does not depend on the order in which unions happened: the same
 * records in any order give the same groups, and so the same split.
 */
export class GroupUnion {
  readonly #parent = new Map<string, string>();

  find(key: string): string {
    let root = key;
    for (let next = this.#parent.get(root); next !== undefined && next !== root; next = this.#parent.get(root)) root = next;
    // Path compression: point every key on the way straight at the root.
    for (let k = key; k !== root; ) {
      const next = this.#parent.get(k)!;
      this.#parent.set(k, root);
      k = next;
    }
    return root;
  }

  union(a: string, b: string): string {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return ra;
    const [root, child] = ra < rb ? [ra, rb] : [rb, ra];
    this.#parent.set(child, root);
    return root;
  }

  /** How many keys were ever merged into another (for the manifest). */
  get merged(): number {
    let n = 0;
    for (const [k, p] of this.#parent) if (k !== p) n++;
    return n;
  }
}
