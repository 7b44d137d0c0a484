import type { Json } from './item.js';

export const EXAMPLES_PER_CODE = 3;

/**
 * The ledger of one stage. Every number is counted where it happens (the runner counts `in` and
 * `out` on the iterables, the stage's context counts drops and errors as they are reported); none
 * is derived from the others, so `in + expanded = out + dropped + errored` is a real check.
 */
export class StageCounters {
  in = 0;
  expanded = 0;
  out = 0;
  errored = 0;
  readonly droppedByCode = new Map<string, number>();
  /** The first few records dropped under each code, so a report can show what a code means in practice. */
  readonly examplesByCode = new Map<string, { id: string; detail?: Json }[]>();
  /** Milliseconds spent in this stage itself, not waiting on the stage before it. */
  selfMs = 0;

  get dropped(): number {
    let n = 0;
    for (const v of this.droppedByCode.values()) n += v;
    return n;
  }

  addDrop(code: string, example?: { id: string; detail?: Json }): void {
    this.droppedByCode.set(code, (this.droppedByCode.get(code) ?? 0) + 1);
    if (!example) return;
    const examples = this.examplesByCode.get(code) ?? [];
    if (examples.length < EXAMPLES_PER_CODE) this.examplesByCode.set(code, [...examples, example]);
  }

  balanced(): boolean {
    return this.in + this.expanded === this.out + this.dropped + this.errored;
  }
}
