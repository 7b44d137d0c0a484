import { closeSync, openSync, readSync } from 'node:fs';

const CHUNK = 1 << 16;
const NEWLINE = 0x0a;

/**
 * The lines of a file, read synchronously in 64 KiB chunks so a run of any size costs one chunk
 * of memory. Lines are cut on bytes and decoded whole, so a multi-byte character split across two
 * chunks is read intact. A last line without a newline is still a line; an empty file has none.
 */
export function* readLines(path: string): Generator<string> {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(CHUNK);
    let pending: Buffer[] = [];
    for (;;) {
      const n = readSync(fd, buffer, 0, CHUNK, null);
      if (n === 0) break;
      let start = 0;
      for (let i = 0; i < n; i++) {
        if (buffer[i] !== NEWLINE) continue;
        pending.push(buffer.subarray(start, i));
        yield Buffer.concat(pending).toString('utf8');
        pending = [];
        start = i + 1;
      }
      // Copied: the buffer is reused by the next read.
      if (start < n) pending.push(Buffer.from(buffer.subarray(start, n)));
    }
    if (pending.length > 0) yield Buffer.concat(pending).toString('utf8');
  } finally {
    closeSync(fd);
  }
}
