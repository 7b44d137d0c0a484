import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { sha256 } from '../../../src/pipeline/hash.js';
import type { Manifest } from '../../../src/pipeline/manifest.js';
import { startFakeOpenAI, type FakeOpenAI, type FakeOpenAIOptions } from '../../../src/providers/fake/index.js';
import { FIREWORKS_ROUTES } from '../../../src/providers/fireworks/fake-routes.js';
import { fireworksTrainerFromEnv } from '../../../src/providers/fireworks/index.js';
import type { Preflight } from '../../../src/train/preflight.js';
import type { RunDirectory } from '../../../src/train/run-directory.js';
import { chatJsonl } from '../fake/helpers.js';

export const KEY = 'fw_secret0123456789abcdefKEYxyz';
export const ACCOUNT = 'acme-labs';
export const NOW = '2026-12-02T12:00:00Z';
export const MODEL = 'accounts/fireworks/models/qwen3-8b';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** Fireworks' fake on a free port, frozen clock, closed after the test. */
export const startFireworksFake = async (options: FakeOpenAIOptions = {}): Promise<FakeOpenAI> => {
  const fake = await startFakeOpenAI({ now: NOW, routes: FIREWORKS_ROUTES, apiKey: KEY, ...options });
  cleanups.push(() => fake.close());
  return fake;
};

export const env = (fake: FakeOpenAI, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
  FIREWORKS_API_KEY: KEY,
  FIREWORKS_ACCOUNT_ID: ACCOUNT,
  FIREWORKS_BASE_URL: fake.url,
  ...extra,
});

/** The adapter against the fake, through the same factory the registry uses; `waits` records every retry wait (none is slept). */
export const trainerFor = (fake: FakeOpenAI, o: { maxRetries?: number; env?: NodeJS.ProcessEnv } = {}) => {
  const waits: number[] = [];
  const made = fireworksTrainerFromEnv(o.env ?? env(fake), { maxRetries: o.maxRetries ?? 3, timeoutMs: 10_000, sleep: async (ms) => void waits.push(ms) });
  return { ...made, waits };
};

/** A finished run as startTraining reads it: train and validation files and a manifest, in a temp dir. */
export const makeRun = (o: { train?: string; validation?: string | null; epochs?: number; runId?: string } = {}): RunDirectory => {
  const dir = mkdtempSync(join(tmpdir(), 'tuneset-fireworks-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
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

export const preflightFor = (model = MODEL, contextLength = 4096): Preflight => ({ model: { name: model } as Preflight['model'], method: 'supervised', contextLength, warnings: [] });

/** Requests the fake received, as `METHOD /path status`. */
export const calls = (fake: FakeOpenAI, method?: string) =>
  fake.requests.filter((r) => method === undefined || r.method === method).map((r) => `${r.method} ${r.path} ${r.status}`);

export const posts = (fake: FakeOpenAI) => fake.requests.filter((r) => r.method === 'POST' && !r.path.startsWith('/inference/'));

export const noSleep = async () => {};

/** The error a promise rejects with; a promise that resolves fails the test. */
export const failure = async (p: Promise<unknown>): Promise<Error> => {
  try {
    await p;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a failure, but it succeeded');
};
