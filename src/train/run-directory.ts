import { isRecord } from '../pipeline/item.js';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { TunesetError } from '../pipeline/errors.js';
import { sha256 } from '../pipeline/hash.js';
import { findReport, type Manifest } from '../pipeline/manifest.js';

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
  /** sha256 of manifest.json as written: tags the training job, so a job is found again for this run only. */
  manifestSha256: string;
  files: RunFile[];
}

const UPLOADED = ['train', 'validation'] as const;


/** Why a directory without manifest.json is refused: files may be there, but nothing vouches for them. */
export const unfinishedRunMessage = (dir: string): string => `${dir} is not a finished run: manifest.json is missing (the run was interrupted or failed)`;

/**
 * The manifest of a finished run. The runner writes it last, after every check passed and every
 * file got its final name, so without it the files there (if any) are unfinished or not a run's.
 * Every reader of a run directory (train, watch, cancel, eval, export, the hand-off preview) starts here.
 */
export const readManifest = (dir: string): { manifest: Manifest; sha256: string } => {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new TunesetError(`${dir}: run directory not found`);
  const path = join(dir, 'manifest.json');
  if (!existsSync(path)) throw new TunesetError(unfinishedRunMessage(dir));
  const bytes = readFileSync(path);
  let manifest: unknown;
  try {
    manifest = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw new TunesetError(`${path}: not valid JSON (${(error as Error).message})`);
  }
  if (!isRecord(manifest) || typeof manifest['pipeline'] !== 'string' || !isRecord(manifest['files'])) {
    throw new TunesetError(`${path}: not a tuneset manifest (needs "pipeline" and "files")`);
  }
  return { manifest: manifest as unknown as Manifest, sha256: sha256(bytes) };
};

/** A finished run directory: its manifest and the files training would upload. */
export const readRunDirectory = (dir: string): RunDirectory => {
  const { manifest, sha256: manifestSha256 } = readManifest(dir);
  const files = UPLOADED.flatMap((split) => {
    const f = manifest.files[`${split}.jsonl`];
    return f ? [{ split, path: join(dir, `${split}.jsonl`), sha256: f.sha256, bytes: f.bytes, examples: f.lines }] : [];
  });
  return { dir, manifest, manifestSha256, files };
};

/** The report of a stage that validated the written files, if the pipeline had one. */
export const validationReport = (manifest: Manifest): { ok: boolean; format?: string } | undefined => {
  const report = findReport(manifest, 'train');
  return report && 'ok' in report ? (report as { ok: boolean; format?: string }) : undefined;
};
