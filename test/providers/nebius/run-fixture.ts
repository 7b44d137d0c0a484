import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Json } from '../../../src/pipeline/item.js';
import type { FakeOpenAI } from '../../../src/providers/fake/index.js';
import { sha256 } from '../../../src/pipeline/hash.js';
import type { ProviderModelTable } from '../../../src/providers/model-entry.js';
import type { Preflight } from '../../../src/train/preflight.js';
import { readRunDirectory, type RunDirectory } from '../../../src/train/run-directory.js';
import { chatJsonl } from '../fake/helpers.js';

/**
 * A finished run directory written by hand (manifest.json last, as the runner does), for driving an
 * adapter through start-training without building a pipeline: 12 training and 3 validation
 * AR-LSAT-style examples of our own.
 */
export const SECRET = 'sk-test-LEAKCANARY-nebius-azure-5e1f';
export const NOW = '2026-12-02T12:00:00Z';

export const writeRun = (o: { model: string; provider: string; train?: Json; runId?: string }): RunDirectory => {
  const dir = join(mkdtempSync(join(tmpdir(), 'tuneset-provider-')), 'run');
  mkdirSync(dir);
  const files: Record<string, { sha256: string; bytes: number; lines: number }> = {};
  for (const [name, text, lines] of [
    ['train.jsonl', chatJsonl(12), 12],
    ['validation.jsonl', chatJsonl(3, 100), 3],
  ] as const) {
    writeFileSync(join(dir, name), text);
    files[name] = { sha256: sha256(Buffer.from(text)), bytes: Buffer.byteLength(text), lines };
  }
  const manifest = {
    tuneset: 'test',
    pipeline: 'ar-lsat',
    runId: o.runId ?? '20261202T120000Z-abcd',
    provider: o.provider,
    model: o.model,
    train: o.train ?? {},
    params: {},
    configHash: 'test',
    startedAt: NOW,
    versions: {},
    inputs: [],
    stages: [],
    reports: { validate: { ok: true, format: 'chat', train: 12 } },
    leakage: {},
    files,
  };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return readRunDirectory(dir);
};

/** What preflight would hand start-training for a row of `table`. */
export const preflightFor = (table: ProviderModelTable, model: string): Preflight => ({
  model: { provider: table.provider, name: model, ...table.models[model]! },
  method: 'supervised',
  contextLength: table.models[model]!.tokenLimit,
  warnings: [],
});

export const noSleep = async () => {};

/** Every file under a directory, as text, for leak checks. */
export const allText = (dir: string): string =>
  readdirSync(dir)
    .map((f) => join(dir, f))
    .map((p) => (statSync(p).isDirectory() ? allText(p) : readFileSync(p, 'utf8')))
    .join('\n');

/** A fetch that records each request's method, URL and header names, then sends it. */
export const recordingFetch = () => {
  const seen: { method: string; url: string; headers: Headers }[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    seen.push({ method: (init?.method ?? 'GET').toUpperCase(), url, headers: new Headers(init?.headers) });
    return globalThis.fetch(input, init);
  };
  return { fetch, seen };
};

/** Every endpoint the OpenAI-protocol adapters (Nebius, Azure) call in a train, watch and eval, as fault patterns. */
export const OPENAI_PROTOCOL_ENDPOINTS = [
  'POST /v1/files',
  'GET /v1/files',
  'POST /v1/fine_tuning/jobs',
  'GET /v1/fine_tuning/jobs',
  'GET /v1/fine_tuning/jobs/*',
  'GET /v1/fine_tuning/jobs/*/events',
  'GET /v1/fine_tuning/jobs/*/checkpoints',
  'GET /v1/files/*/content',
  'POST /v1/chat/completions',
];

/** A 500 and a 429, once each, on every one of those endpoints. */
export const faultEveryEndpointOnce = (f: FakeOpenAI) => {
  for (const pattern of OPENAI_PROTOCOL_ENDPOINTS) {
    f.faults.serverError(pattern, { times: 1 });
    f.faults.rateLimit(pattern, { times: 1 });
  }
};

/** Each endpoint's first two answers were that 500 and that 429 (the faults really fired on each). */
export const expectEveryEndpointFaulted = (f: FakeOpenAI) => {
  for (const pattern of OPENAI_PROTOCOL_ENDPOINTS) {
    const [method, path] = pattern.split(' ') as [string, string];
    const re = new RegExp(`^${path.replaceAll('*', '[^/]+')}$`);
    const statuses = f.requests.filter((r) => r.method === method && re.test(r.route)).map((r) => r.status);
    expect(statuses.slice(0, 2).sort(), pattern).toEqual([429, 500]);
  }
};
