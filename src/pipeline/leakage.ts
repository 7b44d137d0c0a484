import { key128 } from './compact/key128.js';
import { KeyTable } from './compact/key-table.js';
import { SpillingKeyTable } from './compact/spilling-key-table.js';
import { TunesetError } from './errors.js';

/** Where a group or prompt was seen: a line of meta.jsonl or of a split file, and the example's id. */
export interface LeakPlace {
  split: string;
  file: string;
  line: number;
  id?: string;
}

/** A group or prompt found on more than one side, with its first sighting on each of two sides. */
export interface Leak {
  /** The group key, or an excerpt of the prompt. */
  name: string;
  splits: string[];
  places: [LeakPlace, LeakPlace];
}

/** manifest.json `leakage`: what the check read and what it found on more than one side. */
export interface LeakageReport {
  ok: boolean;
  /** Lines read per split file. */
  examples: Record<string, number>;
  /** Distinct groups (from meta.jsonl) and prompt sides (from the split files) read. */
  groups: number;
  prompts: number;
  sharedGroups: Leak[];
  sharedPrompts: Leak[];
}

/** Leaks listed in full; past this only their number is given. */
export const LISTED_LEAKS = 10;

/** Past this many lines of one file, line * 4 + side no longer fits in a table value. */
const MAX_LINE = 2 ** 30 - 1;
/** The leaked-keys table's value for a leak counted but not listed. */
const UNLISTED = 0xffffffff;

/** Where a tracker's table spills once it passes its share of `--memory` (SpillingKeyTable). */
export interface SpillTo {
  dir: string;
  budgetBytes: number;
}

/**
 * Which side each key was first seen on, in one number per key (line * 4 + side) in a KeyTable
 * under the key's 128-bit hash, so a key costs a few typed-array words and no string; a key seen on
 * another side becomes a leak, and only then is anything kept as a string (its name, up to ten).
 * Given `spill`, the table goes to sorted runs on disk past its budget, so memory stays flat.
 */
export class SideTracker {
  readonly #sides: string[] = [];
  readonly #first: KeyTable | SpillingKeyTable;
  /** Every leaked key, listed or not, so each counts once: its index in #leaks, or UNLISTED. */
  readonly #leaked = new KeyTable(16);
  readonly #leaks: { name: string; splits: Set<string>; places: [LeakPlace, LeakPlace] }[] = [];
  readonly #key = new Uint32Array(4);

  constructor(
    readonly fileOf: (split: string) => string,
    spill?: SpillTo,
  ) {
    this.#first = spill ? new SpillingKeyTable(spill.dir, spill.budgetBytes) : new KeyTable();
  }

  /** Deletes what the table spilled to disk. */
  close(): void {
    if (this.#first instanceof SpillingKeyTable) this.#first.close();
  }

  get size(): number {
    return this.#first.size;
  }

  get leakCount(): number {
    return this.#leaked.size;
  }

  see(key: string, split: string, line: number, name: () => string): void {
    let side = this.#sides.indexOf(split);
    if (side < 0) {
      // The runner writes train, validation and test only; four fit the packing below.
      if (this.#sides.length === 4) throw new TunesetError(`leakage check: more than four splits (${[...this.#sides, split].join(', ')})`);
      side = this.#sides.push(split) - 1;
    }
    if (line > MAX_LINE) throw new TunesetError(`leakage check: ${this.fileOf(split)} has more than ${MAX_LINE} lines, more than the check can track`);
    const k = key128(key, this.#key);
    const first = this.#first.setIfAbsent(k, line * 4 + side);
    if (first === undefined) return;
    const firstSide = first % 4;
    if (firstSide === side) return;
    const known = this.#leaked.get(k);
    if (known !== undefined) {
      if (known !== UNLISTED) this.#leaks[known]!.splits.add(split);
      return;
    }
    if (this.#leaks.length >= LISTED_LEAKS) return this.#leaked.set(k, UNLISTED);
    this.#leaked.set(k, this.#leaks.length);
    const firstSplit = this.#sides[firstSide]!;
    const place = (s: string, l: number): LeakPlace => ({ split: s, file: this.fileOf(s), line: l });
    this.#leaks.push({ name: name(), splits: new Set([firstSplit, split]), places: [place(firstSplit, Math.floor(first / 4)), place(split, line)] });
  }

  leaks(): Leak[] {
    return this.#leaks.map((l) => ({ name: l.name, splits: [...l.splits], places: l.places }));
  }
}

const where = (p: LeakPlace) => `${p.split} (${p.file} line ${p.line}${p.id === undefined ? '' : `: ${p.id}`})`;
const describe = (kind: string, l: Leak) => `${kind} ${JSON.stringify(l.name)} is in ${where(l.places[0])} and ${where(l.places[1])}${l.splits.length > 2 ? ` and also ${l.splits.slice(2).join(', ')}` : ''}`;

/** A group or a prompt on two sides of the split: the run fails and nothing is committed. */
export class LeakageError extends TunesetError {
  override name = 'LeakageError';
  constructor(
    readonly report: LeakageReport,
    readonly counts: { groups: number; prompts: number },
  ) {
    const listed = [...report.sharedGroups.map((l) => describe('group', l)), ...report.sharedPrompts.map((l) => describe('prompt', l))];
    const more = counts.groups + counts.prompts - listed.length;
    super(
      `leakage between splits (${counts.groups} group(s) and ${counts.prompts} prompt(s) on more than one side): ${listed.join('; ')}` +
        `${more > 0 ? `; and ${more} more` : ''}. The run failed and no output was committed.`,
    );
  }
}
