import type { Manifest } from '../pipeline/manifest.js';
import { codesByCount } from './show/drop-counts.js';
import { SPLITS } from '../pipeline/runner.js';
import { validationProblems } from '../train/validation-problems.js';

/** Drop codes named when a run kept nothing; the rest are counted. */
const TOP_CODES = 3;

/** "no examples were written: all 12 records were dropped (invalid_json 12); see tuneset show <dir> --rejected" */
const nothingWritten = (manifest: Manifest, dir: string): string => {
  const codes = codesByCount(manifest.stages);
  const total = codes.reduce((sum, [, n]) => sum + n, 0);
  if (total === 0) {
    const source = manifest.stages[0]?.name ?? 'the source';
    const from = manifest.inputs.length > 0 ? ` from ${manifest.inputs.map((i) => i.uri).join(', ')}` : '';
    return `no examples were written: ${source} read no records${from}`;
  }
  const shown = codes.slice(0, TOP_CODES).map(([code, n]) => `${code} ${n}`);
  if (codes.length > TOP_CODES) shown.push(`+${codes.length - TOP_CODES} more codes`);
  const all = total === 1 ? 'the 1 record read was dropped' : `all ${total} records were dropped`;
  return `no examples were written: ${all} (${shown.join(', ')}); see tuneset show ${dir} --rejected`;
};

/**
 * Why a committed run still fails (exit 1), with the numbers, or undefined when it does not: no
 * example written at all, or files OpenAI would refuse, one line per failing check. `dir` is the
 * run directory as the user should type it.
 */
export const runFailureMessage = (manifest: Manifest, dir: string): string | undefined => {
  const written = SPLITS.reduce((n, split) => n + (manifest.files[`${split}.jsonl`]?.lines ?? 0), 0);
  // Zero examples is also a train file under the minimum: the drops say more than the count does.
  if (written === 0) return nothingWritten(manifest, dir);
  const problems = validationProblems(manifest);
  if (problems.length === 0) return undefined;
  return `the written files would be rejected by OpenAI (tuneset train refuses ${dir}):\n  ${problems.join('\n  ')}`;
};
