import { existsSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { TunesetError, UsageError } from './errors.js';
import { fsReason } from './fs-reason.js';
import { makeDirs } from './make-dirs.js';
import { readOutDirContents, refusalOf } from './out-dir-contents.js';
import { writeRunMarker, type RunMarker } from './run-marker.js';

/**
 * `--out DIR` is the run directory itself. It may be new, empty, or hold only an interrupted run of
 * the same pipeline (its `.partial` files, spool and marker, or data files a kill left without
 * manifest.json): that run is not resumed but replaced, its files deleted and the run started
 * afresh. Anything else is refused with what is there. Returns the marker of a replaced run.
 */
export const prepareExplicitRunDir = (dir: string, marker: RunMarker): { runDir: string; replaced?: RunMarker } => {
  const path = resolve(dir);
  if (existsSync(path) && !statSync(path).isDirectory()) throw new UsageError(`--out ${dir} is a file, not a directory`);
  const contents = readOutDirContents(path);
  const refusal = refusalOf(dir, contents, marker.pipeline);
  if (refusal) throw new UsageError(refusal);
  try {
    makeDirs(path);
  } catch (error) {
    throw new UsageError(`--out ${dir} cannot be created: ${fsReason(error)}`);
  }
  try {
    if (contents.kind === 'interrupted') for (const name of contents.names) rmSync(join(path, name), { recursive: true, force: true });
    writeRunMarker(path, marker);
  } catch (error) {
    throw new UsageError(`--out ${dir} is not writable: ${fsReason(error)}`);
  }
  return contents.kind === 'interrupted' ? { runDir: path, replaced: contents.marker } : { runDir: path };
};

/** `output/<pipeline>/<run-id>/`, the run id being the start time and the config hash. */
export const prepareRunDir = (root: string, marker: RunMarker, startedAt: Date, configHash: string): { runId: string; runDir: string } => {
  const stamp = startedAt.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const base = `${stamp}-${configHash.slice(0, 8)}`;
  for (let n = 1; ; n++) {
    const runId = n === 1 ? base : `${base}-${n}`;
    const runDir = resolve(join(root, marker.pipeline, runId));
    if (existsSync(runDir)) continue;
    try {
      makeDirs(runDir);
      writeRunMarker(runDir, marker);
    } catch (error) {
      throw new TunesetError(`cannot create the run directory ${join(root, marker.pipeline, runId)}: ${fsReason(error)}`);
    }
    return { runId, runDir };
  }
};
