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

/**
 * Which side each key was first seen on, in one number per key (line * 4 + side) so that a key
 * costs a map entry and no object; a key seen on another side becomes a leak.
 */
export class SideTracker {
  readonly #sides: string[] = [];
  readonly #first = new Map<string, number>();
  readonly #leaks = new Map<string, { name: string; splits: Set<string>; places: [LeakPlace, LeakPlace] }>();
  /** Every leaked key, listed or not, so each counts once. */
  readonly #leaked = new Set<string>();

  constructor(readonly fileOf: (split: string) => string) {}

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
    const first = this.#first.get(key);
    if (first === undefined) return void this.#first.set(key, line * 4 + side);
    const firstSide = first % 4;
    if (firstSide === side) return;
    const known = this.#leaks.get(key);
    if (known) return void known.splits.add(split);
    if (this.#leaked.has(key)) return;
    this.#leaked.add(key);
    if (this.#leaks.size >= LISTED_LEAKS) return;
    const firstSplit = this.#sides[firstSide]!;
    const place = (s: string, l: number): LeakPlace => ({ split: s, file: this.fileOf(s), line: l });
    this.#leaks.set(key, { name: name(), splits: new Set([firstSplit, split]), places: [place(firstSplit, Math.floor(first / 4)), place(split, line)] });
  }

  leaks(): Leak[] {
    return [...this.#leaks.values()].map((l) => ({ name: l.name, splits: [...l.splits], places: l.places }));
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
