import { createHash, type Hash } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';

const FLUSH_AT = 1 << 20;

/**
 * A line writer that writes to `<path>.partial` and renames to `path` only on `commit()`, so a
 * killed run never leaves a file that looks finished. Writes are buffered and synchronous: outputs
 * are appended in the order records arrive, which keeps them deterministic.
 */
export class AtomicLineFile {
  /** Where the lines are until commit. */
  readonly partialPath: string;
  #fd: number | undefined;
  #chunks: string[] = [];
  #pending = 0;
  readonly #hash: Hash = createHash('sha256');
  #digest: string | undefined;
  #committed = false;
  lines = 0;
  bytes = 0;

  constructor(readonly path: string) {
    this.partialPath = `${path}.partial`;
    this.#fd = openSync(this.partialPath, 'w');
  }

  writeLine(line: string): void {
    this.#chunks.push(line, '\n');
    this.#pending += line.length + 1;
    this.lines++;
    if (this.#pending >= FLUSH_AT) this.flush();
  }

  /** Writes buffered lines to the partial file (readable there before commit). */
  flush(): void {
    if (this.#fd === undefined || this.#chunks.length === 0) return;
    const buf = Buffer.from(this.#chunks.join(''), 'utf8');
    writeSync(this.#fd, buf);
    // Hashed as written, so the manifest never has to read a (possibly huge) output back.
    this.#hash.update(buf);
    this.bytes += buf.length;
    this.#chunks = [];
    this.#pending = 0;
  }

  /** sha256 of everything written; final once committed. */
  get sha256(): string {
    this.flush();
    return (this.#digest ??= this.#hash.copy().digest('hex'));
  }

  /** Finishes the partial file (flushed, synced, closed) without renaming it: checks read it there. */
  close(): void {
    this.flush();
    if (this.#fd === undefined) return;
    fsyncSync(this.#fd);
    closeSync(this.#fd);
    this.#fd = undefined;
  }

  /** Renames the finished partial file to its real name. */
  commit(): void {
    this.close();
    if (this.#committed) return;
    renameSync(this.partialPath, this.path);
    this.#committed = true;
  }

  /** Removes what this file wrote, under either name: a failed run leaves nothing that looks finished. */
  abort(): void {
    if (this.#fd !== undefined) closeSync(this.#fd);
    this.#fd = undefined;
    rmSync(this.partialPath, { force: true });
    if (this.#committed) rmSync(this.path, { force: true });
    this.#committed = false;
  }
}

/** Writes a whole file under a temporary name, then renames it into place; a failed write leaves neither. */
export const writeFileAtomic = (path: string, content: string): void => {
  const tmp = `${path}.partial`;
  try {
    const fd = openSync(tmp, 'w');
    try {
      writeSync(fd, content);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
};
