import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { readAppendOnlyJsonl } from '../../pipeline/append-only-jsonl.js';
import { isRecord } from '../../pipeline/item.js';

/** A batch this cache directory's runs created (or found remotely), written right after create returned. */
export interface BatchStateEntry {
  requestsHash: string;
  inputFileId: string;
  batchId: string;
  createdAt: string;
  /** The batch's lines (`<key>#<attempt>`): a restarted run adopts any batch holding a request it still needs. */
  customIds: string[];
}

const isEntry = (v: unknown): v is BatchStateEntry =>
  isRecord(v) &&
  typeof v['requestsHash'] === 'string' &&
  typeof v['inputFileId'] === 'string' &&
  typeof v['batchId'] === 'string' &&
  typeof v['createdAt'] === 'string' &&
  Array.isArray(v['customIds']) &&
  v['customIds'].every((id) => typeof id === 'string');

/**
 * `batches.jsonl` next to the annotation cache: every batch ever created for it, appended a whole
 * line at a time like the cache itself (a kill tears at most the last line, which is cut off on the
 * next open). A batch created but killed before its line was written is found remotely by its
 * `metadata.tuneset_requests` instead.
 */
export class BatchStateFile {
  readonly path: string;
  readonly #entries: BatchStateEntry[];

  constructor(dir: string) {
    mkdirSync(dir, { recursive: true });
    this.path = join(dir, 'batches.jsonl');
    this.#entries = readAppendOnlyJsonl(this.path, {
      check: isEntry,
      what: 'a batch record',
      remedy: 'Delete it: batches still running are then found again by their metadata.',
      repair: true,
    }).values;
  }

  entries(): readonly BatchStateEntry[] {
    return this.#entries;
  }

  has(batchId: string): boolean {
    return this.#entries.some((e) => e.batchId === batchId);
  }

  append(entry: BatchStateEntry): void {
    this.#entries.push(entry);
    const fd = openSync(this.path, 'a');
    try {
      writeSync(fd, `${JSON.stringify(entry)}\n`);
    } finally {
      closeSync(fd);
    }
  }
}
