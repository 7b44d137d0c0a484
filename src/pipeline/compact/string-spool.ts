import { closeSync, openSync, readSync, rmSync, writeSync } from 'node:fs';

const FLUSH_AT = 1 << 20;
const STARTS_AT_ONCE = 8192;
const READ_CHUNK = 1 << 20;

/**
 * Strings numbered 0, 1, 2... in the order pushed (a record's id and group, a record's JSON), kept
 * on disk so memory holds nothing per string: a stage keeps the number (in a key table or a typed
 * column) and reads the string back only when it needs it, or reads them all back in order.
 *
 * The strings lie back to back as UTF-8 in one file; their start offsets go to a second file of
 * 8-byte numbers, so string n's bounds are read at n * 8.
 */
export class StringSpool {
  readonly #textPath: string;
  readonly #startsPath: string;
  readonly #text: number;
  readonly #starts: number;
  #pending: Buffer[] = [];
  #pendingBytes = 0;
  /** Start offsets of strings not yet written to the starts file. */
  readonly #pendingStarts = new Float64Array(STARTS_AT_ONCE);
  #pendingCount = 0;
  #size = 0;
  #bytes = 0;

  /** Writes `path` and `path.starts`; dispose() deletes both. */
  constructor(path: string) {
    this.#textPath = path;
    this.#startsPath = `${path}.starts`;
    this.#text = openSync(this.#textPath, 'w+');
    this.#starts = openSync(this.#startsPath, 'w+');
  }

  /** Strings pushed so far: the number the next one gets. */
  get size(): number {
    return this.#size;
  }

  /** Appends a string and returns its number. */
  push(text: string): number {
    const buf = Buffer.from(text, 'utf8');
    const n = this.#size++;
    this.#pendingStarts[this.#pendingCount++] = this.#bytes;
    this.#pending.push(buf);
    this.#pendingBytes += buf.length;
    this.#bytes += buf.length;
    if (this.#pendingCount === STARTS_AT_ONCE || this.#pendingBytes >= FLUSH_AT) this.#flush();
    return n;
  }

  get(n: number): string {
    if (!Number.isInteger(n) || n < 0 || n >= this.#size) throw new RangeError(`string ${n} is outside a spool of ${this.#size}`);
    // a string still buffered is read from the buffer: a write per lookup would cost more than the lookup
    const written = this.#size - this.#pendingCount;
    if (n >= written) return this.#pending[n - written]!.toString('utf8');
    const bounds = this.#bounds(n, n + 1);
    return this.#read(bounds[0]!, bounds[1]!).toString('utf8');
  }

  /** Every string in the order pushed, read in chunks of about 1 MiB rather than one by one. */
  *inOrder(): Generator<string> {
    this.#flush();
    for (let n = 0; n < this.#size; ) {
      const end = Math.min(this.#size, n + STARTS_AT_ONCE);
      const bounds = this.#bounds(n, end);
      for (let i = 0; i < end - n; ) {
        // at least one string, then more while the span stays under a chunk
        let j = i + 1;
        while (j < end - n && bounds[j + 1]! - bounds[i]! <= READ_CHUNK) j++;
        const bytes = this.#read(bounds[i]!, bounds[j]!);
        for (let s = i; s < j; s++) yield bytes.toString('utf8', bounds[s]! - bounds[i]!, bounds[s + 1]! - bounds[i]!);
        i = j;
      }
      n = end;
    }
  }

  dispose(): void {
    closeSync(this.#text);
    closeSync(this.#starts);
    rmSync(this.#textPath, { force: true });
    rmSync(this.#startsPath, { force: true });
  }

  /**
   * Start offsets of written strings from..to (to exclusive), then where string `to` starts: on
   * disk, the first buffered string's start, or the end.
   */
  #bounds(from: number, to: number): Float64Array {
    const written = this.#size - this.#pendingCount;
    const bounds = new Float64Array(to - from + 1);
    const onDisk = Math.min(to + 1, written) - from;
    readFully(this.#starts, this.#startsPath, new Uint8Array(bounds.buffer, 0, onDisk * 8), from * 8);
    if (to === written) bounds[to - from] = this.#pendingCount > 0 ? this.#pendingStarts[0]! : this.#bytes;
    return bounds;
  }

  #read(start: number, end: number): Buffer {
    const buf = Buffer.allocUnsafe(end - start);
    readFully(this.#text, this.#textPath, buf, start);
    return buf;
  }

  #flush(): void {
    if (this.#pendingCount === 0) return;
    writeFully(this.#text, Buffer.concat(this.#pending, this.#pendingBytes), this.#bytes - this.#pendingBytes);
    const starts = this.#pendingStarts.subarray(0, this.#pendingCount);
    writeFully(this.#starts, new Uint8Array(starts.buffer, 0, starts.byteLength), (this.#size - this.#pendingCount) * 8);
    this.#pending = [];
    this.#pendingBytes = 0;
    this.#pendingCount = 0;
  }
}

const writeFully = (fd: number, bytes: Uint8Array, position: number): void => {
  for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at, position + at);
};

const readFully = (fd: number, path: string, bytes: Uint8Array, position: number): void => {
  for (let at = 0; at < bytes.length; ) {
    const read = readSync(fd, bytes, at, bytes.length - at, position + at);
    if (read === 0) throw new Error(`spool file ${path} ended early: wanted ${bytes.length} bytes at ${position} (was it deleted or cut while the run used it?)`);
    at += read;
  }
};
