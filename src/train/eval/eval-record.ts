import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../../pipeline/atomic-file.js';
import { comparePageHtml } from './compare-page.js';
import type { EvaluationRecord, Prediction, Suite } from './eval-types.js';
import type { EvaluationResult } from './run-evaluation.js';

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
 * Keeps every evaluation: each gets its own `evals/<stamp>-<model>[-vs-<model>...]/` with eval.json
 * (the scores), predictions.jsonl (one line per suite, model and example) and, when asked for,
 * compare.html (the side-by-side page); `<run-dir>/eval.json` is then replaced by a copy of the
 * newest, naming its directory. `redact` runs over everything written, since replies and error
 * messages come from the API.
 */
export const writeEvaluation = (
  runDir: string,
  result: EvaluationResult,
  predictions: readonly Prediction[],
  redact: (text: string) => string,
  /** html: write compare.html; suites: their examples, for the prompts the page shows (predictions do not hold them). */
  options: { html?: boolean; suites?: readonly Pick<Suite, 'name' | 'examples'>[] } = {},
): EvaluationRecord => {
  const models = result.models.map((m) => slug(m.model)).join('-vs-');
  const name = claimDir(join(runDir, 'evals'), `${stamp(result.evaluatedAt)}-${models.slice(0, 160)}`);
  const dir = `evals/${name}`;
  const record: EvaluationRecord = { ...result, dir, predictions: `${dir}/predictions.jsonl`, ...(options.html ? { html: `${dir}/compare.html` } : {}) };
  writeFileAtomic(join(runDir, record.predictions), predictions.map((p) => `${redact(JSON.stringify(p))}\n`).join(''));
  if (record.html !== undefined) writeFileAtomic(join(runDir, record.html), redact(comparePageHtml(record, predictions, options.suites)));
  const json = `${redact(JSON.stringify(record, null, 2))}\n`;
  writeFileAtomic(join(runDir, dir, 'eval.json'), json);
  // Last: the pointer moves only once the evaluation it points to is complete.
  writeFileAtomic(join(runDir, 'eval.json'), json);
  return record;
};
