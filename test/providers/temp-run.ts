import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { sha256 } from '../../src/pipeline/hash.js';
import type { Manifest } from '../../src/pipeline/manifest.js';
import type { FakeOpenAI } from '../../src/providers/fake/index.js';
import type { Preflight } from '../../src/train/preflight.js';
import type { RunDirectory } from '../../src/train/run-directory.js';
import { chatJsonl } from './fake/helpers.js';

/**
 * What the provider adapter tests that drive startTraining share (Together's, Fireworks'): a
 * finished run in a temp dir, preflight's verdict, the fake's request lines, and cleanup after
 * each test of whatever they started.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** Runs `c` after the current test, after anything registered later (last in, first out). */
export const onCleanup = (c: () => Promise<void> | void) => void cleanups.push(c);

export interface MakeRunOptions {
  train?: string;
  /** null: no validation file. */
  validation?: string | null;
  epochs?: number;
  runId?: string;
}

/** A finished run as startTraining reads it: train and validation files and a manifest, in a temp dir named `prefix…`. */
export const makeTempRun = (prefix: string, o: MakeRunOptions = {}): RunDirectory => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  onCleanup(() => rmSync(dir, { recursive: true, force: true }));
  const files: RunDirectory['files'] = [];
  const add = (split: 'train' | 'validation', text: string) => {
    const path = join(dir, `${split}.jsonl`);
    writeFileSync(path, text);
    files.push({ split, path, sha256: sha256(Buffer.from(text)), bytes: Buffer.byteLength(text), examples: text.trim().split('\n').length });
  };
  add('train', o.train ?? chatJsonl(20));
  if (o.validation !== null) add('validation', o.validation ?? chatJsonl(10, 100));
  const manifest = { runId: o.runId ?? '20261202-120000-abcd', pipeline: 'ar-lsat', train: { epochs: o.epochs ?? 2 } } as unknown as Manifest;
  return { dir, manifest, manifestSha256: sha256(Buffer.from(JSON.stringify(manifest))), files };
};

/** Preflight's verdict for the tests' runs: the model and its training length (4096 unless told). */
export const preflightOf = (model: string, contextLength = 4096): Preflight => ({ model: { name: model } as Preflight['model'], method: 'supervised', contextLength, warnings: [] });

/** Requests the fake received, as `METHOD /path status`. */
export const calls = (fake: FakeOpenAI, method?: string) =>
  fake.requests.filter((r) => method === undefined || r.method === method).map((r) => `${r.method} ${r.path} ${r.status}`);

export const noSleep = async () => {};
