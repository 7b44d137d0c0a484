import { join } from 'node:path';
import { TunesetError } from '../pipeline/errors.js';
import { isRecord } from '../pipeline/item.js';
import { readLines } from '../stages/validate/read-lines.js';

/** One line of meta.jsonl, as the runner writes it next to each example. */
export interface MetaLine {
  id: string;
  split: string;
  group?: string;
  source?: { uri?: string; line?: number; finalUrl?: string };
  meta?: Record<string, unknown>;
}

export interface SplitLine {
  /** 1-based line number in <split>.jsonl. */
  number: number;
  /** The example as written; parsed only when it is shown or searched. */
  text: string;
  meta: MetaLine;
}

export const parseJsonLine = (path: string, line: { number: number; text: string | undefined }): unknown => {
  if (line.text === undefined) throw new TunesetError(`${path}:${line.number}: not valid UTF-8; the run directory is damaged`);
  try {
    return JSON.parse(line.text);
  } catch (error) {
    throw new TunesetError(`${path}:${line.number}: not valid JSON (${(error as Error).message}); the run directory is damaged`);
  }
};

/**
 * Streams a split's examples with their meta lines. The runner writes each example to its split
 * file and its meta line to meta.jsonl at the same moment, so the n-th meta line of a split
 * belongs to the n-th line of that split's file. Both files are read a line at a time.
 */
export async function* readSplit(runDir: string, split: string): AsyncGenerator<SplitLine> {
  const path = join(runDir, `${split}.jsonl`);
  const metaPath = join(runDir, 'meta.jsonl');
  const metas = readLines(metaPath);
  try {
    for await (const line of readLines(path)) {
      let meta: MetaLine | undefined;
      while (meta === undefined) {
        const next = await metas.next();
        if (next.done) throw new TunesetError(`${metaPath}: fewer ${split} lines than ${path} has examples (no meta line for line ${line.number}); the run directory is damaged`);
        const parsed = parseJsonLine(metaPath, next.value);
        if (isRecord(parsed) && parsed['split'] === split) meta = parsed as unknown as MetaLine;
      }
      if (line.text === undefined) parseJsonLine(path, line);
      yield { number: line.number, text: line.text!, meta };
    }
  } finally {
    await metas.return(undefined);
  }
}

/** rejected.jsonl, a parsed line at a time. */
export async function* readRejected(runDir: string): AsyncGenerator<{ number: number; record: Record<string, unknown> }> {
  const path = join(runDir, 'rejected.jsonl');
  for await (const line of readLines(path)) {
    const record = parseJsonLine(path, line);
    if (!isRecord(record)) throw new TunesetError(`${path}:${line.number}: not a rejected record (expected a JSON object)`);
    yield { number: line.number, record };
  }
}
