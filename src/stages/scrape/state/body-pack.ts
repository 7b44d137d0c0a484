import { closeSync, existsSync, fstatSync, ftruncateSync, openSync, readSync, renameSync, writeSync } from 'node:fs';

interface Entry {
  offset: number;
  length: number;
}

const HASH_CHARS = 64;
const CHUNK = 8 << 20;

/**
 * Extracted pages by the sha256 of their fetched bytes, in one append-only file of
 * `<hash>\t<json>\n` lines with an in-memory index of where each body is. One open file instead of
 * a file per page: on a local crawl, opening, writing and renaming a file per page cost more than
 * parsing it. A line torn by a kill is cut off when the pack is next opened.
 */
export class BodyPack {
  private readonly fd: number;
  private readonly index = new Map<string, Entry>();
  private size = 0;

  constructor(private readonly path: string) {
    this.fd = openSync(path, existsSync(path) ? 'r+' : 'w+');
    this.load();
  }

  has(hash: string): boolean {
    return this.index.has(hash);
  }

  get<T>(hash: string): T | undefined {
    const entry = this.index.get(hash);
    if (!entry) return undefined;
    const buf = Buffer.allocUnsafe(entry.length);
    readSync(this.fd, buf, 0, entry.length, entry.offset);
    return JSON.parse(buf.toString('utf8')) as T;
  }

  put(hash: string, value: unknown): void {
    if (this.index.has(hash)) return;
    const json = JSON.stringify(value);
    const length = Buffer.byteLength(json);
    writeSync(this.fd, `${hash}\t${json}\n`, this.size);
    this.index.set(hash, { offset: this.size + HASH_CHARS + 1, length });
    this.size += HASH_CHARS + length + 2;
  }

  /** Rewrites the pack with only the bodies still referenced, when at least half of it is garbage. */
  compact(keep: ReadonlySet<string>): void {
    let kept = 0;
    for (const [hash, e] of this.index) if (keep.has(hash)) kept += e.length + HASH_CHARS + 2;
    if (kept * 2 > this.size) return;
    const tmp = `${this.path}.partial`;
    const out = openSync(tmp, 'w');
    try {
      for (const [hash, e] of this.index) {
        if (!keep.has(hash)) continue;
        const buf = Buffer.allocUnsafe(e.length);
        readSync(this.fd, buf, 0, e.length, e.offset);
        writeSync(out, `${hash}\t`);
        writeSync(out, buf);
        writeSync(out, '\n');
      }
    } finally {
      closeSync(out);
    }
    renameSync(tmp, this.path);
  }

  close(): void {
    closeSync(this.fd);
  }

  private load(): void {
    const total = fstatSync(this.fd).size;
    const buf = Buffer.allocUnsafe(CHUNK);
    let lineStart = 0;
    let carry = Buffer.alloc(0);
    for (let pos = 0; pos < total; ) {
      const n = readSync(this.fd, buf, 0, Math.min(CHUNK, total - pos), pos);
      const data = carry.length ? Buffer.concat([carry, buf.subarray(0, n)]) : buf.subarray(0, n);
      const base = pos - carry.length;
      let from = 0;
      for (let nl = data.indexOf(10, from); nl !== -1; nl = data.indexOf(10, from)) {
        const start = base + from;
        if (data[from + HASH_CHARS] === 9) {
          const hash = data.toString('latin1', from, from + HASH_CHARS);
          this.index.set(hash, { offset: start + HASH_CHARS + 1, length: nl - from - HASH_CHARS - 1 });
        }
        from = nl + 1;
        lineStart = base + from;
      }
      carry = Buffer.from(data.subarray(from));
      pos += n;
    }
    // Whatever follows the last newline was cut short by a kill.
    if (lineStart < total) ftruncateSync(this.fd, lineStart);
    this.size = lineStart;
  }
}
