import { basename, dirname, resolve } from 'node:path';
import { readManifest } from '../train/run-directory.js';
import { diffRuns } from '../runs/diff-runs.js';
import { listRuns } from '../runs/run-list.js';
import type { RunDiff } from '../runs/types.js';

/** The report's diff section: against the newest earlier run of the same pipeline, if there is one. */
export type PreviousRun = { kind: 'diff'; diff: RunDiff; configChanged: boolean } | { kind: 'none'; reason: string } | { kind: 'error'; message: string };

/**
 * Diffs a run against the run before it in the same pipeline directory (`output/<pipeline>/`; for
 * `--out DIR`, DIR's parent). `labelField` is the meta field the per-label counts use. A run in
 * a directory of other pipelines' runs finds none of its own.
 */
export const previousRunDiff = (runDir: string, labelField: string | undefined): PreviousRun => {
  const dir = resolve(runDir);
  const { manifest } = readManifest(dir);
  try {
    // listRuns, not latestRun: a parent directory may hold other pipelines' runs (`--out` anywhere).
    const earlier = listRuns(dirname(dir)).filter(
      (r) => r.pipeline === manifest.pipeline && resolve(r.runDir) !== dir && (r.startedAt < manifest.startedAt || (r.startedAt === manifest.startedAt && r.runId < manifest.runId)),
    );
    const before = earlier.at(-1);
    if (!before) return { kind: 'none', reason: `no earlier run of ${manifest.pipeline} beside ${basename(dir)} in ${dirname(dir)}` };
    const diff = diffRuns(before.runDir, dir, labelField === undefined ? {} : { labelField });
    return { kind: 'diff', diff, configChanged: before.configHash !== manifest.configHash };
  } catch (error) {
    // A damaged earlier run must not cost this run its report: the section says what went wrong.
    return { kind: 'error', message: error instanceof Error ? error.message : String(error) };
  }
};
