import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../../pipeline/atomic-file.js';
import type { ModelResult, Prediction } from './evaluate.js';

/** What eval.json holds: the scores of one evaluation, and where its predictions are. */
export interface EvaluationRecord {
  evaluatedAt: string;
  split: string;
  scorer: string;
  examples: number;
  /** This evaluation's directory, relative to the run directory: `evals/<stamp>-<model>`. */
  dir: string;
  /** Its predictions.jsonl, relative to the run directory. */
  predictions: string;
  results: ModelResult[];
}

/** Safe in a file name on every system: `ft:gpt-4o-mini-2024-07-18:org::abc` -> `ft-gpt-4o-mini-2024-07-18-org-abc`. */
const slug = (model: string) => model.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '');

/** `20261123T120000Z`, as run ids are stamped: sorts by time. */
const stamp = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');

/**
 * A new directory under evals/ that no earlier evaluation has: the first of `<name>`, `<name>-2`, ...
 * that mkdir can create (so two evaluations in the same second both keep theirs).
 */
const claimDir = (evalsDir: string, name: string): string => {
  mkdirSync(evalsDir, { recursive: true });
  for (let i = 1; ; i++) {
    const candidate = i === 1 ? name : `${name}-${i}`;
    try {
      mkdirSync(join(evalsDir, candidate));
      return candidate;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
};

/**
 * Keeps every evaluation: each gets its own `evals/<stamp>-<model>[-vs-<baseline>]/` with eval.json
 * (the scores) and predictions.jsonl (one line per model and example), and `<run-dir>/eval.json`
 * is then replaced by a copy of the newest, naming its directory. `redact` runs over every line
 * written, since replies and error messages come from the API.
 */
export const writeEvaluation = (
  runDir: string,
  record: Omit<EvaluationRecord, 'dir' | 'predictions'>,
  predictions: readonly Prediction[],
  redact: (text: string) => string,
): EvaluationRecord => {
  const models = record.results.map((r) => slug(r.model)).join('-vs-');
  const name = claimDir(join(runDir, 'evals'), `${stamp(record.evaluatedAt)}-${models.slice(0, 160)}`);
  const dir = `evals/${name}`;
  const { results, ...about } = record;
  const full: EvaluationRecord = { ...about, dir, predictions: `${dir}/predictions.jsonl`, results };
  writeFileAtomic(join(runDir, dir, 'predictions.jsonl'), predictions.map((p) => `${redact(JSON.stringify(p))}\n`).join(''));
  const json = `${redact(JSON.stringify(full, null, 2))}\n`;
  writeFileAtomic(join(runDir, dir, 'eval.json'), json);
  // Last: the pointer moves only once the evaluation it points to is complete.
  writeFileAtomic(join(runDir, 'eval.json'), json);
  return full;
};
