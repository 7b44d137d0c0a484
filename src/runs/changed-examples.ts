import { readManifest } from '../train/run-directory.js';
import { OccurrenceKeys } from './example-keys.js';
import { runExamples } from './run-examples.js';

export interface ChangedExample {
  /** The id as the diff reports it (`<id>#2` for a repeated id's second copy). */
  id: string;
  a: { split: string; line: string };
  b: { split: string; line: string };
}

/** The written lines of the given examples in one run, keyed as diffRuns keys them. */
const linesOf = (runDir: string, wanted: ReadonlySet<string>): Map<string, { split: string; line: string }> => {
  const found = new Map<string, { split: string; line: string }>();
  const seen = new Set<string>();
  const keys = new OccurrenceKeys();
  for (const ex of runExamples(runDir, readManifest(runDir).manifest)) {
    const key = keys.key(ex.id, (k) => seen.has(k));
    seen.add(key);
    if (wanted.has(key)) found.set(key, { split: ex.split, line: ex.line });
  }
  return found;
};

/**
 * Both versions of a few changed examples (the diff keeps only digests): one more pass over each
 * run that keeps the lines of just these ids, so showing three examples costs three examples.
 */
export const readChangedExamples = (dirA: string, dirB: string, ids: readonly string[]): ChangedExample[] => {
  if (ids.length === 0) return [];
  const wanted = new Set(ids);
  const a = linesOf(dirA, wanted);
  const b = linesOf(dirB, wanted);
  return ids.flatMap((id) => {
    const before = a.get(id);
    const after = b.get(id);
    return before && after ? [{ id, a: before, b: after }] : [];
  });
};
