import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TunesetError } from '../pipeline/errors.js';
import type { Manifest } from '../pipeline/manifest.js';

export interface RunFile {
  split: 'train' | 'validation';
  path: string;
  sha256: string;
  bytes: number;
  examples: number;
}

export interface RunDirectory {
  dir: string;
  manifest: Manifest;
  files: RunFile[];
}

const UPLOADED = ['train', 'validation'] as const;

/** A finished run directory: its manifest and the files training would upload. */
export const readRunDirectory = (dir: string): RunDirectory => {
  const manifestPath = join(dir, 'manifest.json');
  if (!existsSync(manifestPath)) throw new TunesetError(`${dir}: no manifest.json here; is this a finished run directory (output/<pipeline>/<run-id>)?`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
  const files = UPLOADED.flatMap((split) => {
    const f = manifest.files[`${split}.jsonl`];
    return f ? [{ split, path: join(dir, `${split}.jsonl`), sha256: f.sha256, bytes: f.bytes, examples: f.lines }] : [];
  });
  return { dir, manifest, files };
};

/** The report of a stage that validated the written files, if the pipeline had one. */
export const validationReport = (manifest: Manifest): { ok: boolean; format?: string } | undefined =>
  Object.values(manifest.reports).find(
    (r): r is { ok: boolean; format?: string } => r !== null && typeof r === 'object' && !Array.isArray(r) && 'train' in r && 'ok' in r,
  ) as { ok: boolean; format?: string } | undefined;
