import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { isRecord } from './item.js';

/**
 * Written when a run starts and removed when it ends (committed or failed), so a directory a killed
 * run left behind says which pipeline it belonged to and which process wrote it: `--out` replaces an
 * interrupted run of the same pipeline without guessing from file names.
 */
export const RUN_MARKER = '.tuneset-run.json';

export interface RunMarker {
  pipeline: string;
  startedAt: string;
  pid: number;
  host: string;
}

export const newRunMarker = (pipeline: string, startedAt: Date): RunMarker => ({ pipeline, startedAt: startedAt.toISOString(), pid: process.pid, host: hostname() });

export const writeRunMarker = (dir: string, marker: RunMarker): void => writeFileSync(join(dir, RUN_MARKER), `${JSON.stringify(marker)}\n`);

export const removeRunMarker = (dir: string): void => rmSync(join(dir, RUN_MARKER), { force: true });

/** The marker in `dir`; undefined when it is missing or is not one (a write torn by a kill). */
export const readRunMarker = (dir: string): RunMarker | undefined => {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(join(dir, RUN_MARKER), 'utf8'));
  } catch {
    return undefined;
  }
  if (!isRecord(value) || typeof value['pipeline'] !== 'string' || typeof value['pid'] !== 'number') return undefined;
  return { pipeline: value['pipeline'], startedAt: String(value['startedAt']), pid: value['pid'], host: String(value['host']) };
};

/** Whether the process that wrote the marker is still running here: its run is not interrupted, only unfinished. */
export const markerProcessAlive = (marker: RunMarker): boolean => {
  if (marker.host !== hostname() || marker.pid === process.pid) return false;
  try {
    process.kill(marker.pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};
