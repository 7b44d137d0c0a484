import { Spool } from './spool.js';

const READ_CHUNK = 1 << 20;

/**
 * One string per record (its group's name), written to a file as JSON lines and read back once,
 * in order: memory holds none of them. JSON strings hold no raw newline, so a line is one name,
 * and splitting raw bytes at a newline never cuts a multi-byte character.
 */
export class NameLog {
  readonly #spool: Spool;

  constructor(path: string) {
    this.#spool = new Spool(path);
  }

  append(name: string): void {
    this.#spool.append(`${JSON.stringify(name)}\n`);
  }

  /** Every name in the order appended, read in large chunks. */
  *all(): Generator<string> {
    let carry: Buffer = Buffer.alloc(0);
    for (let at = 0; at < this.#spool.size; at += READ_CHUNK) {
      const read = this.#spool.readBytes({ offset: at, length: Math.min(READ_CHUNK, this.#spool.size - at) });
      const bytes = carry.length === 0 ? read : Buffer.concat([carry, read]);
      let from = 0;
      for (let nl = bytes.indexOf(10, from); nl >= 0; nl = bytes.indexOf(10, from)) {
        yield JSON.parse(bytes.toString('utf8', from, nl)) as string;
        from = nl + 1;
      }
      carry = bytes.subarray(from);
    }
  }

  dispose(): void {
    this.#spool.dispose();
  }
}
