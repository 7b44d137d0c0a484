import { sha256 } from './hash.js';

/** The content hash of a run's examples: what `tuneset runs` lists and `tuneset diff` compares. */
export interface DatasetVersion {
  /** sha256-sized hex of the whole example set (every split), independent of line order. */
  hash: string;
  examples: number;
  splits: Record<string, { hash: string; examples: number }>;
}

/** sha256 of one written line, tagged with its split: the unit the version hash is built from. */
export const exampleLineHash = (split: string, line: string): string => sha256(`${split}\n${line}`);

/**
 * An order-independent hash of a multiset of lines: the sum of their sha256 values modulo 2^256
 * (an additive multiset hash). Summing keeps memory flat (nothing is kept per example, so a
 * million-example run costs one number), and a repeated line counts twice rather than cancelling
 * as it would under XOR. Good for telling versions apart; not a defence against crafted collisions.
 */
class MultisetHash {
  private sum = 0n;
  count = 0;
  add(hexDigest: string): void {
    // Reduced once, in hex: a sum of a million 256-bit values is only ~20 bits longer.
    this.sum += BigInt(`0x${hexDigest}`);
    this.count++;
  }
  get hex(): string {
    return BigInt.asUintN(256, this.sum).toString(16).padStart(64, '0');
  }
}

/** Fed every written example line by the runner; gives the run's DatasetVersion for manifest.json. */
export class DatasetHasher {
  private readonly all = new MultisetHash();
  private readonly bySplit = new Map<string, MultisetHash>();

  see(split: string, line: string): void {
    const h = exampleLineHash(split, line);
    this.all.add(h);
    let s = this.bySplit.get(split);
    if (!s) this.bySplit.set(split, (s = new MultisetHash()));
    s.add(h);
  }

  finish(): DatasetVersion {
    const splits = Object.fromEntries([...this.bySplit].sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, h]) => [name, { hash: h.hex, examples: h.count }]));
    return { hash: this.all.hex, examples: this.all.count, splits };
  }
}
