import { closeSync, openSync, readSync, rmSync, writeSync } from 'node:fs';

const FLUSH_AT = 1 << 20;

/**
 * Record bodies parked on disk while a barrier stage waits for its whole input, so memory holds
 * only small keys. `append` returns the handle to `read` the body back.
 */
export class Spool {
  readonly #fd: number;
  #chunks: Buffer[] = [];
  #pending = 0;
  #size = 0;

  constructor(readonly path: string) {
    this.#fd = openSync(path, 'w+');
  }

  append(body: string): { offset: number; length: number } {
    const buf = Buffer.from(body, 'utf8');
    const at = { offset: this.#size, length: buf.length };
    this.#chunks.push(buf);
    this.#pending += buf.length;
    this.#size += buf.length;
    if (this.#pending >= FLUSH_AT) this.#flush();
    return at;
  }

  #flush(): void {
    if (this.#chunks.length === 0) return;
    writeSync(this.#fd, Buffer.concat(this.#chunks));
    this.#chunks = [];
    this.#pending = 0;
  }

  read(at: { offset: number; length: number }): string {
    this.#flush();
    const buf = Buffer.allocUnsafe(at.length);
    readSync(this.#fd, buf, 0, at.length, at.offset);
    return buf.toString('utf8');
  }

  dispose(): void {
    closeSync(this.#fd);
    rmSync(this.path, { force: true });
  }
}
