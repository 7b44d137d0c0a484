import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isRecord } from './item.js';
import { markerProcessAlive, readRunMarker, RUN_MARKER, type RunMarker } from './run-marker.js';

/** What an existing `--out` directory holds, as far as a new run there is concerned. */
export type OutDirContents =
  | { kind: 'empty' }
  /** manifest.json: a committed run, whatever else is there. */
  | { kind: 'finished'; pipeline: string | undefined; names: string[] }
  /** Only the files of an unfinished run, and the marker naming its pipeline. */
  | { kind: 'interrupted'; marker: RunMarker; alive: boolean; names: string[] }
  /** Only the files of an unfinished run, but no readable marker: which pipeline is unknown. */
  | { kind: 'unmarked'; names: string[] }
  | { kind: 'foreign'; foreign: string[] };

// Everything the runner itself writes into a run directory before manifest.json: the data files
// under either name, the spool directory and the marker. A side file of a stage goes to .tmp.
const RUN_FILE = /^(?:(?:train|validation|test|meta|rejected)\.jsonl(?:\.partial)?|manifest\.json\.partial|\.tmp)$/;
export const isRunFile = (name: string): boolean => RUN_FILE.test(name) || name === RUN_MARKER;

const manifestPipeline = (dir: string): string | undefined => {
  try {
    const m: unknown = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    return isRecord(m) && typeof m['pipeline'] === 'string' ? m['pipeline'] : undefined;
  } catch {
    return undefined;
  }
};

export const readOutDirContents = (dir: string): OutDirContents => {
  const names = existsSync(dir) ? readdirSync(dir).sort() : [];
  if (names.length === 0) return { kind: 'empty' };
  if (names.includes('manifest.json')) return { kind: 'finished', pipeline: manifestPipeline(dir), names };
  const foreign = names.filter((n) => !isRunFile(n));
  if (foreign.length > 0) return { kind: 'foreign', foreign };
  const marker = readRunMarker(dir);
  if (!marker) return { kind: 'unmarked', names };
  return { kind: 'interrupted', marker, alive: markerProcessAlive(marker), names };
};

/** Up to four names, then how many more: enough to recognise what is there. */
export const listNames = (names: readonly string[]): string =>
  names.length <= 4 ? names.join(', ') : `${names.slice(0, 4).join(', ')} and ${names.length - 4} more`;

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Why a run cannot use `dir` (as typed on the command line), or undefined when it can. */
export const refusalOf = (dir: string, contents: OutDirContents, pipeline: string): string | undefined => {
  const notEmpty = (what: string) => `--out ${dir} is not empty: it holds ${what}; choose another directory or delete it`;
  switch (contents.kind) {
    case 'empty':
      return undefined;
    case 'finished':
      return notEmpty(`a finished run of ${contents.pipeline ?? 'an unknown pipeline'} (${listNames(contents.names)})`);
    case 'foreign':
      return notEmpty(`${plural(contents.foreign.length, 'file', 'files')} that ${contents.foreign.length === 1 ? 'is' : 'are'} not a tuneset run: ${listNames(contents.foreign)}`);
    case 'unmarked':
      return notEmpty(`an interrupted run of an unknown pipeline (${listNames(contents.names)}; no ${RUN_MARKER} says which)`);
    case 'interrupted': {
      const { marker } = contents;
      if (marker.pipeline !== pipeline) return notEmpty(`an interrupted run of another pipeline (${marker.pipeline})`);
      if (contents.alive) return `--out ${dir} is in use: a run of ${pipeline} started ${marker.startedAt} (process ${marker.pid}) is still writing to it`;
      return undefined;
    }
  }
};
