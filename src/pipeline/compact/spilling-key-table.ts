import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { KeyRun } from './key-run.js';
import { KeyTable } from './key-table.js';

/**
 * A KeyTable that stays within a memory budget: when the table in memory would grow past it, its
 * entries are written to disk as a sorted run (key-run.ts) and it starts again empty. Lookups ask
 * memory, then the runs newest first, so a value set later shadows an older one and setIfAbsent
 * sees a key whichever run holds it.
 */
const FIRST_CAPACITY = 1024;
const SLOT_BYTES = 20;

export class SpillingKeyTable {
  readonly #dir: string;
  readonly #budget: number;
  readonly #firstCapacity: number;
  #memory: KeyTable;
  readonly #runs: KeyRun[] = [];
  #size = 0;
  #closed = false;

  /** `dir`: where run files go (in a private directory close() deletes); `budgetBytes`: the memory allowed. */
  constructor(dir: string, budgetBytes: number) {
    mkdirSync(dir, { recursive: true });
    this.#dir = mkdtempSync(join(dir, 'keys-'));
    this.#budget = budgetBytes;
    // a budget smaller than the usual first table starts (and restarts) smaller, down to 16 slots
    let slots = FIRST_CAPACITY;
    while (slots > 16 && slots * SLOT_BYTES > budgetBytes) slots /= 2;
    this.#firstCapacity = slots;
    this.#memory = new KeyTable(slots);
  }

  /** Distinct keys held, in memory and on disk. */
  get size(): number {
    return this.#size;
  }

  /** Memory held: the table in memory and each run's index and filter. */
  get bytes(): number {
    return this.#memory.bytes + this.#runsBytes();
  }

  /** Spilled runs so far (for tests and reports). */
  get runs(): number {
    return this.#runs.length;
  }

  get(key: Uint32Array): number | undefined {
    return this.#memory.get(key) ?? this.#fromRuns(key);
  }

  /** Undefined when the key was absent and now holds `value`; else the value already there (unchanged). */
  setIfAbsent(key: Uint32Array, value: number): number | undefined {
    const held = this.get(key);
    if (held !== undefined) return held;
    this.#makeRoom();
    this.#memory.set(key, value);
    this.#size++;
    return undefined;
  }

  set(key: Uint32Array, value: number): void {
    if (this.#memory.get(key) !== undefined) return this.#memory.set(key, value);
    // a key only on disk is written again in memory: the newer value shadows the run's
    if (this.#fromRuns(key) === undefined) this.#size++;
    this.#makeRoom();
    this.#memory.set(key, value);
  }

  /** Closes and deletes the run files. The table cannot be used after. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const run of this.#runs) run.close();
    this.#runs.length = 0;
    this.#memory = new KeyTable(16);
    rmSync(this.#dir, { recursive: true, force: true });
  }

  #fromRuns(key: Uint32Array): number | undefined {
    if (this.#closed) throw new Error('this key table was closed');
    for (let r = this.#runs.length - 1; r >= 0; r--) {
      const value = this.#runs[r]!.get(key);
      if (value !== undefined) return value;
    }
    return undefined;
  }

  /**
   * Spills before an insert that would double the table past the budget. The runs' indexes and
   * filters (~1.5 bytes a key) count against at most half of it: charged in full, they would leave
   * the table less and less room, each run smaller than the last and lookups ever slower. So past
   * half the budget memory grows by those 1.5 bytes a key, and runs stay large.
   */
  #makeRoom(): void {
    const memory = this.#memory;
    if (memory.room > 0) return;
    if (memory.bytes * 2 + Math.min(this.#runsBytes(), this.#budget / 2) <= this.#budget) return;
    const path = join(this.#dir, `run-${String(this.#runs.length).padStart(6, '0')}.keys`);
    this.#runs.push(new KeyRun(path, memory.sortedEntries()));
    memory.clear(this.#firstCapacity);
  }

  #runsBytes(): number {
    let bytes = 0;
    for (const run of this.#runs) bytes += run.bytes;
    return bytes;
  }
}
