import type { ExampleCounts } from './types.js';

export type Outcome = keyof ExampleCounts;

export const zeroCounts = (): ExampleCounts => ({ added: 0, removed: 0, changed: 0, unchanged: 0 });

/**
 * Example counts per key (a split, a label). Keys are data ("__proto__" is a label like any
 * other), so they live in a Map and reach an object only through Object.fromEntries.
 */
export class CountsByKey {
  private readonly counts = new Map<string, ExampleCounts>();

  add(key: string, outcome: Outcome): void {
    let c = this.counts.get(key);
    if (!c) this.counts.set(key, (c = zeroCounts()));
    c[outcome]++;
  }

  /** Keys in `order` first (train, validation, test), the rest sorted. */
  toObject(order: readonly string[] = []): Record<string, ExampleCounts> {
    const rank = (k: string) => (order.includes(k) ? order.indexOf(k) : order.length);
    const keys = [...this.counts.keys()].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(keys.map((k) => [k, this.counts.get(k)!]));
  }
}
