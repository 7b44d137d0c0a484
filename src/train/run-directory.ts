import { existsSync, readFileSync, statSync } from 'node:fs';
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

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The manifest of a finished run; it is written last, so without it the run is unfinished or not a run. */
export const readManifest = (dir: string): Manifest => {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new TunesetError(`${dir}: run directory not found`);
  const path = join(dir, 'manifest.json');
  if (!existsSync(path)) throw new TunesetError(`${dir}: no manifest.json; not a finished tuneset run directory (output/<pipeline>/<run-id>)`);
  let manifest: unknown;
  try {
    manifest = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new TunesetError(`${path}: not valid JSON (${(error as Error).message})`);
  }
  if (!isObject(manifest) || typeof manifest['pipeline'] !== 'string' || !isObject(manifest['files'])) {
    throw new TunesetError(`${path}: not a tuneset manifest (needs "pipeline" and "files")`);
  }
  return manifest as unknown as Manifest;
};

/** A finished run directory: its manifest and the files training would upload. */
export const readRunDirectory = (dir: string): RunDirectory => {
  const manifest = readManifest(dir);
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
