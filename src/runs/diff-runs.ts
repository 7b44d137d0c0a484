import { SPLITS } from '../pipeline/runner.js';
import { readManifest } from '../train/run-directory.js';
import { CountsByKey, zeroCounts, type Outcome } from './example-counts.js';
import { labelOf, lineDigest, OccurrenceKeys } from './example-keys.js';
import { readRunSummary } from './run-list.js';
import { runExamples } from './run-examples.js';
import type { RunDiff, RunSummary } from './types.js';

export interface DiffOptions {
  /** The meta field examples are labelled by. @default 'label' */
  labelField?: string;
}

const SEP = '\u0000';
// Digest and split never hold SEP; the label may (it is data), so it is all that follows them.
const unpack = (value: string): { digest: string; split: string; label: string } => {
  const i = value.indexOf(SEP);
  const j = value.indexOf(SEP, i + 1);
  return { digest: value.slice(0, i), split: value.slice(i + 1, j), label: value.slice(j + 1) };
};
const sum = (values: Record<string, number> | undefined) => Object.values(values ?? {}).reduce((a, b) => a + b, 0);
// Dollars to a millionth, as token-check rounds its estimates, so no float noise shows.
const usd = (x: number) => Math.round(x * 1e6) / 1e6;

/**
 * What changed from run A (older) to run B (newer), example by example. An example is known by
 * its meta.jsonl id and its content is the line written for it: same id and another line is
 * changed, another split is moved (independently of changed). Only A's ids with a 16-character
 * digest, split and label are held in memory, and B's ids; never whole lines.
 */
export const diffRuns = (dirA: string, dirB: string, options: DiffOptions = {}): RunDiff => {
  const labelField = options.labelField ?? 'label';
  const a = readRunSummary(dirA);
  const b = readRunSummary(dirB);
  const splits = new CountsByKey();
  const labels = new CountsByKey();
  const examples = zeroCounts();
  const ids = { added: [] as string[], removed: [] as string[], changed: [] as string[] };
  const moved: string[] = [];
  const count = (outcome: Outcome, split: string, label: string) => {
    examples[outcome]++;
    splits.add(split, outcome);
    labels.add(label, outcome);
  };

  // A's examples: key -> digest, split, label (one string, the smallest thing a Map holds well).
  const inA = new Map<string, string>();
  const keysA = new OccurrenceKeys();
  for (const ex of runExamples(a.runDir, readManifest(a.runDir).manifest)) {
    const key = keysA.key(ex.id, (k) => inA.has(k));
    inA.set(key, [lineDigest(ex.line), ex.split, labelOf(ex.meta, labelField)].join(SEP));
  }

  const inB = new Set<string>();
  const keysB = new OccurrenceKeys();
  for (const ex of runExamples(b.runDir, readManifest(b.runDir).manifest)) {
    const key = keysB.key(ex.id, (k) => inB.has(k));
    inB.add(key);
    const label = labelOf(ex.meta, labelField);
    const before = inA.get(key);
    if (before === undefined) {
      count('added', ex.split, label);
      ids.added.push(key);
      continue;
    }
    inA.delete(key);
    const { digest, split } = unpack(before);
    if (split !== ex.split) moved.push(key);
    if (digest === lineDigest(ex.line)) count('unchanged', ex.split, label);
    else {
      count('changed', ex.split, label);
      ids.changed.push(key);
    }
  }
  inB.clear();
  // What is left of A is not in B: removed, counted under A's split and label.
  for (const [key, value] of inA) {
    const { split, label } = unpack(value);
    count('removed', split, label);
    ids.removed.push(key);
  }

  return {
    a: { runId: a.runId, runDir: a.runDir, hash: a.dataset.hash },
    b: { runId: b.runId, runDir: b.runDir, hash: b.dataset.hash },
    examples,
    ids: { added: ids.added.sort(), removed: ids.removed.sort(), changed: ids.changed.sort() },
    splits: splits.toObject(SPLITS),
    labelField,
    labels: labels.toObject(),
    moved: { count: moved.length, ids: moved.sort() },
    duplicates: { a: keysA.repeats, b: keysB.repeats },
    tokens: { a: sum(a.tokens), b: sum(b.tokens), delta: sum(b.tokens) - sum(a.tokens) },
    cost: costDelta(a, b),
  };
};

const costDelta = (a: RunSummary, b: RunSummary): RunDiff['cost'] => {
  const ca = a.estimatedCostUsd ?? null;
  const cb = b.estimatedCostUsd ?? null;
  return { a: ca, b: cb, delta: ca === null || cb === null ? null : usd(cb - ca) };
};
