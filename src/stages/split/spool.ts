import { closeSync, openSync, readSync, rmSync, writeSync } from 'node:fs';

const FLUSH_AT = 1 << 20;

/**
 * Record bodies parked on disk while a barrier stage waits for its whole input, so memory holds
 * only small keys. `append` returns the handle to `read` the body back; bodies lie back to back,
 * so a caller may keep only offsets and take a body's end from the next one's start (or `size`).
 */
export class Spool {
  readonly #fd: number;
  /** Bodies waiting to be written, back to back: one buffer, not an object per body. */
  readonly #pending = Buffer.allocUnsafe(FLUSH_AT);
  #used = 0;
  #size = 0;

  constructor(readonly path: string) {
    this.#fd = openSync(path, 'w+');
  }

  /** Bytes appended so far: where the next body starts. */
  get size(): number {
    return this.#size;
  }

  append(body: string): { offset: number; length: number } {
    const length = Buffer.byteLength(body, 'utf8');
    const at = { offset: this.#size, length };
    this.#size += length;
    if (this.#used + length > FLUSH_AT) this.#flush();
    if (length > FLUSH_AT) writeSync(this.#fd, Buffer.from(body, 'utf8'));
    else this.#used += this.#pending.write(body, this.#used, 'utf8');
    return at;
  }

  #flush(): void {
    if (this.#used === 0) return;
    writeSync(this.#fd, this.#pending, 0, this.#used);
    this.#used = 0;
  }

  read(at: { offset: number; length: number }): string {
    return this.readBytes(at).toString('utf8');
  }

  /** The raw bytes of a span: several bodies at once when they are read in order. */
  readBytes(at: { offset: number; length: number }): Buffer {
    this.#flush();
    const buf = Buffer.allocUnsafe(at.length);
    readSync(this.#fd, buf, 0, at.length, at.offset);
    return buf;
  }

  dispose(): void {
    closeSync(this.#fd);
    rmSync(this.path, { force: true });
  }
}
