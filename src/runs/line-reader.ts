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
      const chunk = buffer.subarray(0, n);
      let start = 0;
      // indexOf is native: a JS loop over every byte made reading a 150 MB run take seconds.
      for (let i = chunk.indexOf(NEWLINE); i !== -1; i = chunk.indexOf(NEWLINE, start)) {
        pending.push(chunk.subarray(start, i));
        yield pending.length === 1 ? pending[0]!.toString('utf8') : Buffer.concat(pending).toString('utf8');
        pending = [];
        start = i + 1;
      }
      // Copied: the buffer is reused by the next read.
      if (start < n) pending.push(Buffer.from(chunk.subarray(start)));
    }
    if (pending.length > 0) yield Buffer.concat(pending).toString('utf8');
  } finally {
    closeSync(fd);
  }
}
