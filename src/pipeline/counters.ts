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
  /** Milliseconds spent in this stage itself, not waiting on the stage before it. */
  selfMs = 0;

  get dropped(): number {
    let n = 0;
    for (const v of this.droppedByCode.values()) n += v;
    return n;
  }

  addDrop(code: string): void {
    this.droppedByCode.set(code, (this.droppedByCode.get(code) ?? 0) + 1);
  }

  balanced(): boolean {
    return this.in + this.expanded === this.out + this.dropped + this.errored;
  }
}
