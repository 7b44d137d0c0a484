import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import type { FakeOpenAI } from '../../src/providers/fake/index.js';
import { modelsOf } from '../../src/providers/model-lookup.js';
import { acceptsNewJobs } from '../../src/providers/model-rows.js';
import { PROVIDERS } from '../../src/providers/registry.js';
import { alternativesText } from '../../src/train/training-dates.js';
import { tunesetProcessAsync } from '../helpers/cli-process.js';
import { fakeFor, freshRun, NOW, openaiEnv, SECRET_KEY, tuneset } from '../helpers/hand-off.js';

let fake: FakeOpenAI | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

/** Rewrites the run's manifest.json as a test needs it (train settings, target). */
const editManifest = (dir: string, edit: (m: Record<string, unknown>) => void) => {
  const path = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  edit(manifest);
  writeFileSync(path, JSON.stringify(manifest));
};

test('acceptance: train --provider openai with the clock at 2027-01-07 exits 1 before any request and names the providers that take the job', async () => {
  const dir = await freshRun();
  fake = await fakeFor(dir);
  const r = await tunesetProcessAsync(['train', dir, '--provider', 'openai'], { ...openaiEnv(fake), TUNESET_NOW: '2027-01-07T00:00:00Z' });
  expect(r).toEqual({
    code: 1,
    stdout: '',
    stderr: `error: OpenAI accepts no new fine-tuning jobs since 2027-01-06. ${alternativesText(new Date('2027-01-07T00:00:00Z'), 'openai')}\n`,
  });
  // Named from the tables: every provider with a row a new customer may train that day, local last.
  expect(r.stderr).toMatch(/Providers that take new jobs on 2027-01-07: .*local \(11 models, trained with an open trainer through tuneset export\)\./);
  expect(fake.requests).toEqual([]);
});

test('--provider takes the registry names; another is a usage error naming them', async () => {
  const dir = await freshRun();
  expect(await tuneset({}, 'train', dir, '--provider', 'mistral')).toEqual({
    code: 2,
    stdout: '',
    stderr: `error: --provider expects one of ${Object.keys(PROVIDERS).join(', ')}, got "mistral"\n`,
  });
});

test("a .train() setting the provider has no name for is refused before any request, naming who takes it", async () => {
  const dir = await freshRun();
  fake = await fakeFor(dir);
  editManifest(dir, (m) => (m['train'] = { epochs: 2, loraRank: 16 }));
  const takers = Object.values(PROVIDERS).filter((p) => p.hyperparameters.loraRank !== undefined).map((p) => p.name);
  const r = await tuneset(openaiEnv(fake), 'train', dir, '--provider', 'openai');
  expect(r).toEqual({
    code: 1,
    stdout: '',
    stderr:
      `error: OpenAI has no loraRank setting, and the pipeline's .train() sets loraRank: 16. OpenAI takes epochs, batchSize, learningRateMultiplier; ` +
      `${takers.length > 0 ? `loraRank is taken by ${takers.join(', ')}` : 'no provider takes it'}. Remove it from .train() or train elsewhere\n`,
  });
  editManifest(dir, (m) => (m['train'] = { epochs: 2, adaptation: 'full' }));
  expect((await tuneset(openaiEnv(fake), 'train', dir)).stderr).toBe(
    "error: OpenAI cannot train gpt-4o-mini-2024-07-18 with adaptation 'full' (it does not say how it trains (LoRA or full)). Remove adaptation from .train() or choose another model\n",
  );
  expect(fake.requests).toEqual([]);
});

test('a run built for a model the provider does not train is refused, naming what it does train', async () => {
  const dir = await freshRun();
  editManifest(dir, (m) => Object.assign(m, { provider: 'local', model: 'Qwen/Qwen3-0.6B' }));
  const r = await tuneset({ OPENAI_API_KEY: SECRET_KEY }, 'train', dir, '--provider', 'openai');
  expect(r.code).toBe(1);
  expect(r.stderr).toBe(
    `error: ${dir}: the run was built for local:Qwen/Qwen3-0.6B, which OpenAI does not train. ` +
      'A local target is trained with an open trainer: `tuneset export <run-dir> --to trl|axolotl|llama-factory`. OpenAI can train: ' +
      'gpt-4o-2024-08-06 (gpt-4o), gpt-4o-mini-2024-07-18 (gpt-4o-mini), gpt-4.1-2025-04-14 (gpt-4.1), gpt-4.1-mini-2025-04-14 (gpt-4.1-mini), ' +
      'gpt-4.1-nano-2025-04-14 (gpt-4.1-nano), gpt-3.5-turbo-0125 (gpt-3.5-turbo), o4-mini-2025-04-16 (o4-mini); ' +
      'build the dataset for one of them with `tuneset run <pipeline> --target openai:<model>`\n',
  );
  // A base model other providers train: the refusal names where the run can go as it is, from the tables.
  editManifest(dir, (m) => Object.assign(m, { provider: 'local', model: 'Qwen/Qwen3-8B' }));
  const elsewhere = (await tuneset({ OPENAI_API_KEY: SECRET_KEY }, 'train', dir, '--provider', 'openai')).stderr;
  const takers = Object.values(PROVIDERS).flatMap((p) => modelsOf(p.name).filter((m) => m.baseModel === 'Qwen/Qwen3-8B').map((m) => `--provider ${p.name} (${m.name})`));
  expect(takers.length).toBeGreaterThan(0);
  expect(elsewhere).toContain(` Qwen/Qwen3-8B is trained by: ${takers.join(', ')}. OpenAI can train: `);
});

test('the job request carries the settings and the longest example as its context length; the dry run shows it', async () => {
  const dir = await freshRun();
  editManifest(dir, (m) => (m['train'] = { epochs: 2, batchSize: 4, learningRateMultiplier: 0.5 }));
  const r = await tuneset({}, 'train', dir, '--dry-run', '--provider', 'openai');
  expect(r.code).toBe(0);
  expect(r.stdout).toContain('No API key in the environment (OPENAI_API_KEY)');
  const body = JSON.parse(/^POST https:\/\/api\.openai\.com\/v1\/fine_tuning\/jobs\n([\s\S]*?\n\})\n/m.exec(r.stdout)![1]!).body as { method: unknown };
  expect(body.method).toEqual({ type: 'supervised', supervised: { hyperparameters: { n_epochs: 2, batch_size: 4, learning_rate_multiplier: 0.5 } } });
});

test.each(Object.keys(PROVIDERS))('a run built for %s: train --dry-run goes there by default and, without a key, creates nothing, sends nothing, prints the requests with no key', async (name) => {
  const provider = PROVIDERS[name as keyof typeof PROVIDERS];
  // A run built for one of this provider's models that takes a job on the test's date (2026-11-23), open to new customers if any is.
  const open = modelsOf(provider.name).filter((m) => m.methods.includes('supervised') && acceptsNewJobs(m, new Date(NOW)));
  const row = open.find((m) => m.newCustomers) ?? open[0];
  expect(row, `${name}: no model takes a job on ${NOW}`).toBeDefined();
  const dir = await freshRun();
  editManifest(dir, (m) => Object.assign(m, { provider: provider.name, model: row!.name, train: { epochs: 2 } }));
  const sent: string[] = [];
  const realFetch = globalThis.fetch;
  globalThis.fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!url.startsWith('data:')) sent.push(url);
    return realFetch(input, init);
  }) as typeof fetch;
  try {
    const r = await tuneset({}, 'train', dir, '--dry-run');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`No API key in the environment (${provider.env.apiKey})`);
    expect(r.stdout).toMatch(/^train\.jsonl: would upload as tuneset-/m);
    expect(r.stdout).toContain(`job: would create a fine-tuning job on ${row!.name}`);
    expect(r.stdout).toMatch(/^POST https?:\/\/\S+$/m);
    expect(r.stdout).not.toMatch(/dry-run-key/);
  } finally {
    globalThis.fetch = realFetch;
  }
  expect(sent).toEqual([]);
});
