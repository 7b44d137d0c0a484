import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { sha256 } from '../../../src/pipeline/hash.js';
import type { Manifest } from '../../../src/pipeline/manifest.js';
import { startFakeOpenAI, type FakeOpenAI, type FakeOpenAIOptions } from '../../../src/providers/fake/index.js';
import { TOGETHER_ROUTES } from '../../../src/providers/together/fake-routes.js';
import { TogetherHttp } from '../../../src/providers/together/together-http.js';
import { TogetherTrainer } from '../../../src/providers/together/together-trainer.js';
import type { Preflight } from '../../../src/train/preflight.js';
import type { RunDirectory } from '../../../src/train/run-directory.js';
import { chatJsonl } from '../fake/helpers.js';

export const KEY = 'tgp_v1_secret0123456789abcdefKEY';
export const NOW = '2026-12-02T12:00:00Z';
export const MODEL = 'Qwen/Qwen3-8B';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** Together's fake on a free port, frozen clock, closed after the test. */
export const startTogetherFake = async (options: FakeOpenAIOptions = {}): Promise<FakeOpenAI> => {
  const fake = await startFakeOpenAI({ now: NOW, routes: TOGETHER_ROUTES, ...options });
  cleanups.push(() => fake.close());
  return fake;
};

/** The adapter against the fake; `waits` records every retry wait it asked for (none is slept). */
export const trainerFor = (fake: FakeOpenAI, o: { maxRetries?: number; apiKey?: string } = {}) => {
  const waits: number[] = [];
  const http = new TogetherHttp({
    apiKey: o.apiKey ?? KEY,
    baseURL: fake.baseURL,
    secrets: [KEY],
    maxRetries: o.maxRetries ?? 3,
    timeoutMs: 10_000,
    sleep: async (ms) => void waits.push(ms),
  });
  return { trainer: new TogetherTrainer(http), waits };
};

export const env = (fake: FakeOpenAI): NodeJS.ProcessEnv => ({ TOGETHER_API_KEY: KEY, TOGETHER_BASE_URL: fake.baseURL });

/** A finished run as startTraining reads it: train and validation files and a manifest, in a temp dir. */
export const makeRun = (o: { train?: string; validation?: string | null; epochs?: number; runId?: string } = {}): RunDirectory => {
  const dir = mkdtempSync(join(tmpdir(), 'tuneset-together-'));
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

/** Preflight's verdict for the tests' runs: the model and a 4096-token training length. */
export const preflightFor = (model = MODEL): Preflight => ({ model: { name: model } as Preflight['model'], method: 'supervised', contextLength: 4096, warnings: [] });

/** Requests the fake received, as `METHOD /path` with their status. */
export const calls = (fake: FakeOpenAI, method?: string) =>
  fake.requests.filter((r) => method === undefined || r.method === method).map((r) => `${r.method} ${r.path} ${r.status}`);

export const posts = (fake: FakeOpenAI) => fake.requests.filter((r) => r.method === 'POST' && r.path !== '/v1/chat/completions');

export const noSleep = async () => {};
