import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { TunesetError } from '../pipeline/errors.js';
import { isRecord, type Json } from '../pipeline/item.js';
import type { Manifest } from '../pipeline/manifest.js';
import { SPLITS } from '../pipeline/runner.js';
import { readLines } from './line-reader.js';

/** One written example: its meta.jsonl entry and the line of its split file it describes. */
export interface RunExample {
  id: string;
  split: string;
  /** The example's line in `<split>.jsonl`, exactly as written (no newline). */
  line: string;
  meta: Record<string, Json>;
}

/** The split files a finished run wrote, in train, validation, test order. */
export const runSplits = (manifest: Pick<Manifest, 'files'>): string[] => SPLITS.filter((s) => manifest.files[`${s}.jsonl`] !== undefined);

const damaged = (path: string, why: string) => new TunesetError(`${path}: ${why}; the run directory is damaged (compare its files with manifest.json)`);

/**
 * Every example of a finished run, in meta.jsonl order. The runner writes one meta line per
 * example, and the nth meta line of split S describes the nth line of S.jsonl, so the split files
 * are read in step with meta.jsonl: one line of each at a time, whatever the run's size.
 */
export function* runExamples(runDir: string, manifest: Pick<Manifest, 'files'>): Generator<RunExample> {
  const metaPath = join(runDir, 'meta.jsonl');
  if (!existsSync(metaPath)) throw damaged(metaPath, 'missing');
  const readers = new Map<string, Generator<string>>();
  const splitPath = (split: string) => join(runDir, `${split}.jsonl`);
  try {
    for (const split of runSplits(manifest)) {
      if (!existsSync(splitPath(split))) throw damaged(splitPath(split), 'listed in manifest.json but missing');
      readers.set(split, readLines(splitPath(split)));
    }
    let lineNo = 0;
    for (const metaLine of readLines(metaPath)) {
      lineNo++;
      let entry: unknown;
      try {
        entry = JSON.parse(metaLine);
      } catch {
        throw damaged(`${metaPath} line ${lineNo}`, 'not valid JSON');
      }
      if (!isRecord(entry) || typeof entry['id'] !== 'string' || typeof entry['split'] !== 'string') throw damaged(`${metaPath} line ${lineNo}`, 'no "id" and "split"');
      const split = entry['split'];
      const reader = readers.get(split);
      if (!reader) throw damaged(`${metaPath} line ${lineNo}`, `split "${split}" has no file in manifest.json`);
      const next = reader.next();
      if (next.done) throw damaged(splitPath(split), `fewer lines than meta.jsonl gives the ${split} split`);
      yield { id: entry['id'], split, line: next.value, meta: isRecord(entry['meta']) ? (entry['meta'] as Record<string, Json>) : {} };
    }
    for (const [split, reader] of readers) {
      if (!reader.next().done) throw damaged(splitPath(split), `more lines than meta.jsonl gives the ${split} split`);
    }
  } finally {
    for (const reader of readers.values()) reader.return(undefined);
  }
}
