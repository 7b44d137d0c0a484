import { incompleteRunReason, type Manifest } from '../pipeline/manifest.js';
import { validationReport } from './run-directory.js';
import { validationProblems } from './validation-problems.js';

/**
 * Why a committed run directory must not be trained on, exported or evaluated, or undefined when
 * it may. A run whose files failed format validation still writes manifest.json (the run ends with
 * exit 1 and says so), and so does one an annotator stopped at maxCost; both look finished on disk,
 * so train, export and eval ask this one question before reading any example.
 */
export const unusableRunReason = (manifest: Manifest): string | undefined => {
  const validation = validationReport(manifest);
  if (validation && !validation.ok) {
    const problems = validationProblems(manifest).map((p) => `\n  ${p}`).join('');
    return `the files failed format validation; OpenAI would refuse them:${problems}`;
  }
  return incompleteRunReason(manifest);
};
