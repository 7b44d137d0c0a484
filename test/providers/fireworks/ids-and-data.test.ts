import { describe, expect, it } from 'vitest';
import { fireworksProvider, fireworksTrainerFromEnv } from '../../../src/providers/fireworks/index.js';
import { redactSecrets, secretsFromEnv } from '../../../src/providers/openai/redact.js';
import { metricsJsonlToCsv } from '../../../src/providers/fireworks/metrics-file.js';
import { FIREWORKS_TABLE } from '../../../src/providers/fireworks/model-table.js';
import { datasetIdFor, displayNameFor, jobIdFor, RESOURCE_ID } from '../../../src/providers/fireworks/resource-ids.js';
import { startTraining, uploadName } from '../../../src/train/start-training.js';
import { KEY, makeRun, noSleep, preflightFor } from './helpers.js';

const SHA = 'ab'.repeat(32);

describe('Fireworks ids chosen from what the run knows', () => {
  it('dataset ids: the upload name as a valid id, the same every time', () => {
    const name = uploadName('20261202-120000-abcd', 'train', SHA);
    expect(datasetIdFor(name)).toBe('tuneset-20261202-120000-abcd-train-abababababababab');
    expect(datasetIdFor(name)).toMatch(RESOURCE_ID);
    // Capitals and underscores (run ids a user chose) become a valid id.
    expect(datasetIdFor('tuneset-My_Run-train-0123.jsonl')).toBe('tuneset-my-run-train-0123');
  });

  it('a long name is cut to 63 characters with a hash of the whole name, so two long names never share an id', () => {
    const a = uploadName(`run-${'x'.repeat(80)}-a`, 'train', SHA);
    const b = uploadName(`run-${'x'.repeat(80)}-b`, 'train', SHA);
    expect(datasetIdFor(a)).toHaveLength(63);
    expect(datasetIdFor(a)).toMatch(RESOURCE_ID);
    expect(datasetIdFor(a)).not.toBe(datasetIdFor(b));
  });

  it('job ids: a function of the whole tag, valid, under 64 characters; the displayName carries the tag too', () => {
    const tag = { runId: '20261202-120000-abcd', manifestSha256: SHA, attempt: 1 };
    const id = jobIdFor(tag);
    expect(id).toMatch(/^tuneset-20261202-120000-abcd-[0-9a-f]{16}-a1$/);
    expect(jobIdFor({ ...tag })).toBe(id);
    expect(jobIdFor({ ...tag, attempt: 2 })).not.toBe(id);
    expect(jobIdFor({ ...tag, manifestSha256: 'cd'.repeat(32) })).not.toBe(id);
    const long = jobIdFor({ ...tag, runId: `R_${'y'.repeat(200)}` });
    expect(long).toMatch(RESOURCE_ID);
    expect(long.length).toBeLessThanOrEqual(63);
    expect(displayNameFor(tag)).toBe(`tuneset ${'ab'.repeat(8)} #1 20261202-120000-abcd`);
    expect(displayNameFor({ ...tag, runId: 'r'.repeat(100) }).length).toBe(63);
  });
});

describe('the metrics file as step metrics', () => {
  it('JSON lines with values under data or beside step become CSV columns by our names', () => {
    const jsonl = [
      '{"step": 2, "data": {"train/loss": 0.5, "eval/loss": 0.7}}',
      'not json',
      '{"step": 1, "train/loss": 0.9, "train/learning_rate": 0.0001}',
      '{"no": "step"}',
    ].join('\n');
    expect(metricsJsonlToCsv(jsonl)).toBe('step,train_loss,valid_loss,train_learning_rate\n1,0.9,,0.0001\n2,0.5,0.7,\n');
  });
});

describe("Fireworks' model table and definition", () => {
  it('rows: API names, Hugging Face bases, only shipped tokenizer families, supervised LoRA, no dates', () => {
    const rows = Object.entries(FIREWORKS_TABLE.models);
    expect(rows.length).toBeGreaterThan(0);
    for (const [name, row] of rows) {
      expect(name).toMatch(/^accounts\/fireworks\/models\/[a-z0-9-]+$/);
      expect(row.baseModel).toMatch(/^[A-Za-z-]+\/[A-Za-z0-9.-]+$/);
      expect(['qwen3', 'qwen2.5', 'llama3', 'gpt-oss']).toContain(row.tokenizer);
      expect(row).toMatchObject({ methods: ['supervised'], adaptations: ['lora'], shutdownDate: null, newJobsEndDate: null, newCustomers: true });
    }
    expect(FIREWORKS_TABLE.models['accounts/fireworks/models/qwen3-8b']).toMatchObject({ baseModel: 'Qwen/Qwen3-8B', tokenLimit: 131_072, trainingPricePerMTokens: 0.5 });
    expect(FIREWORKS_TABLE.models['accounts/fireworks/models/llama-v3p3-70b-instruct']).toMatchObject({ trainingPricePerMTokens: 3 });
    expect(FIREWORKS_TABLE.models['accounts/fireworks/models/gpt-oss-20b']).toMatchObject({ trainingPricePerMTokens: null });
    for (const source of Object.values(FIREWORKS_TABLE.sources)) expect(source).toMatch(/read 2026-12/);
  });

  it("a Fireworks key in the environment is kept out of every provider's output, not only Fireworks'", () => {
    const env = { FIREWORKS_API_KEY: KEY, OPENAI_API_KEY: 'sk-other-0123456789' };
    expect(redactSecrets(`echoed: ${KEY}`, secretsFromEnv(env))).toBe('echoed: [REDACTED]');
    expect(fireworksProvider.chatFromEnv(env).secrets).toEqual(expect.arrayContaining([KEY, 'sk-other-0123456789']));
  });

  it('the definition names its variables, base URL and camelCase settings', () => {
    expect(fireworksProvider).toMatchObject({
      name: 'fireworks',
      env: { apiKey: 'FIREWORKS_API_KEY', baseURL: 'FIREWORKS_BASE_URL', others: ['FIREWORKS_ACCOUNT_ID'] },
      defaultBaseURL: 'https://api.fireworks.ai',
      hyperparameters: { epochs: 'epochs', batchSize: 'batchSize', learningRate: 'learningRate', loraRank: 'loraRank' },
    });
    expect(fireworksProvider.hyperparameters.learningRateMultiplier).toBeUndefined();
    expect(fireworksProvider.fake.routes.length).toBeGreaterThan(0);
  });

  it('a dry run sends no create: the answers are Fireworks-shaped and the adapter runs to its end', async () => {
    const sent: { method: string; path: string; query: string; auth: string | null; body: unknown }[] = [];
    // The contract of the core's dry-run fetch: GET answered by emptyList, anything else recorded and answered by dryRunAnswer.
    const dryFetch = (async (input: string | URL | Request, init?: RequestInit) => {
      const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
      const method = (init?.method ?? 'GET').toUpperCase();
      const json = (v: unknown) => new Response(JSON.stringify(v), { status: 200, headers: { 'content-type': 'application/json' } });
      if (method === 'GET') return json(fireworksProvider.emptyList(url.pathname));
      let body: unknown = null;
      if (typeof init?.body === 'string') body = JSON.parse(init.body);
      else if (init?.body instanceof FormData) {
        const file = init.body.get('file') as File;
        body = { multipart: { file: { filename: file.name, bytes: file.size } } };
      }
      sent.push({ method, path: url.pathname, query: url.search, auth: new Headers(init?.headers).get('authorization'), body });
      return json(fireworksProvider.dryRunAnswer({ method, path: `${url.pathname}${url.search}`, body }, 'accounts/fireworks/models/qwen3-8b') ?? {});
    }) as typeof fetch;
    const { trainer } = fireworksTrainerFromEnv({ FIREWORKS_API_KEY: 'fw_dry_0123456789', FIREWORKS_ACCOUNT_ID: 'acme' }, { fetch: dryFetch, maxRetries: 0 });
    const run = makeRun();
    const result = await startTraining(run, preflightFor(), trainer, { sleep: noSleep, dryRun: true });
    expect(sent.map((s) => `${s.method} ${s.path}`)).toEqual([
      'POST /v1/accounts/acme/datasets',
      `POST /v1/accounts/acme/datasets/${result.state.files['train']!.fileId}:upload`,
      'POST /v1/accounts/acme/datasets',
      `POST /v1/accounts/acme/datasets/${result.state.files['validation']!.fileId}:upload`,
      'POST /v1/accounts/acme/supervisedFineTuningJobs',
    ]);
    expect(result.job).toMatchObject({ status: 'queued', model: 'accounts/fireworks/models/qwen3-8b', trainingFile: result.state.files['train']!.fileId });
    expect(result.steps.at(-1)).toBe('job: would create a fine-tuning job on accounts/fireworks/models/qwen3-8b');
  });
});
