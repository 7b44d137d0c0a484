import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { sha256 } from '../../src/pipeline/hash.js';
import type { ProviderDefinition } from '../../src/providers/provider.js';
import { PROVIDERS } from '../../src/providers/registry.js';
import { preflight } from '../../src/train/preflight.js';
import { readRunDirectory } from '../../src/train/run-directory.js';
import { startTraining } from '../../src/train/start-training.js';
import type { JobRequest, RemoteJob, Trainer } from '../../src/train/trainer.js';

/** A trainer that records the job request and answers in memory. */
const recordingTrainer = () => {
  const requests: JobRequest[] = [];
  const job = (r: JobRequest): RemoteJob => ({
    id: 'job-1', status: 'queued', model: r.model, fineTunedModel: null, trainingFile: r.trainingFile, validationFile: null, error: null,
    metadata: {}, resultFiles: [], trainedTokens: null, createdAt: 0, finishedAt: null, estimatedFinish: null, hyperparameters: null,
  });
  const trainer = {
    provider: 'test',
    checkAccess: async () => {},
    findUploadedFile: async () => undefined,
    uploadFile: async (filename: string, content: Buffer) => ({ id: `file-${filename}`, filename, bytes: content.length, purpose: 'fine-tune', status: 'processed' }),
    findJobs: async () => [],
    createJob: async (r: JobRequest) => (requests.push(r), job(r)),
    retryable: () => false,
    retryAfterMs: () => undefined,
  } as unknown as Trainer;
  return { trainer, requests };
};

/** A run built for local:Qwen/Qwen3-0.6B whose token report says the longest example has `max` tokens. */
const localRun = (train: Record<string, unknown>, max: number | undefined) => {
  const dir = mkdtempSync(join(tmpdir(), 'tuneset-start-'));
  const content = '{"messages":[]}\n';
  writeFileSync(join(dir, 'train.jsonl'), content);
  const tokens = max === undefined ? {} : { 'token-check': { model: 'Qwen/Qwen3-0.6B', billedTokens: 10, splits: { train: { examples: 1, tokens: { total: 10, min: 3, median: 5, p95: 9, max } }, validation: { examples: 1, tokens: { total: 4, min: 4, median: 4, p95: 4, max: 4 } } } } };
  const manifest = {
    runId: 'r1', pipeline: 'p', provider: 'local', model: 'Qwen/Qwen3-0.6B', train,
    reports: { 'validate-chat': { train: { ok: true }, ok: true, format: 'chat' }, ...tokens },
    files: { 'train.jsonl': { sha256: sha256(Buffer.from(content)), bytes: content.length, lines: 1 } },
  };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  return readRunDirectory(dir);
};

/** A provider that trains Qwen3-0.6B under its own name with every setting: only its table and names matter here. */
const openProvider: ProviderDefinition = {
  ...PROVIDERS.openai,
  name: 'together',
  label: 'Open',
  table: {
    provider: 'together', asOf: '2026-12-01', sources: {},
    models: {
      'acme/qwen3-0.6b': {
        baseModel: 'Qwen/Qwen3-0.6B', tokenizer: 'qwen3', tokenLimit: 8192, methods: ['supervised'], adaptations: ['lora', 'full'],
        trainingPricePerMTokens: null, baseInputPricePerMTokens: null, baseOutputPricePerMTokens: null, fineTunedInputPricePerMTokens: null, fineTunedOutputPricePerMTokens: null,
        shutdownDate: null, newJobsEndDate: null, newCustomers: true, aliases: [],
      },
    },
  },
  hyperparameters: { epochs: 'n_epochs', batchSize: 'batch_size', learningRate: 'learning_rate', loraRank: 'lora_r', loraAlpha: 'lora_alpha' },
};

const NOW = new Date('2026-12-02T00:00:00Z');
const sleep = async () => {};

test("the job request carries the pipeline's settings in the Trainer's terms, the adaptation, and the longest example as context length", async () => {
  const run = localRun({ epochs: 3, batchSize: 8, learningRate: 0.0002, loraRank: 16, loraAlpha: 32, adaptation: 'lora' }, 567);
  const pre = preflight(run, NOW, openProvider);
  // Found by its open base model under the provider's own name.
  expect([pre.model.name, pre.contextLength, pre.warnings]).toEqual(['acme/qwen3-0.6b', 567, []]);
  const { trainer, requests } = recordingTrainer();
  await startTraining(run, pre, trainer, { sleep });
  expect(requests).toHaveLength(1);
  const { tag: _tag, ...request } = requests[0]!;
  expect(request).toEqual({
    model: 'acme/qwen3-0.6b',
    trainingFile: expect.stringMatching(/^file-tuneset-r1-train-[0-9a-f]{16}\.jsonl$/),
    validationFile: undefined,
    method: 'supervised',
    hyperparameters: { n_epochs: 3, batch_size: 8, learning_rate: 0.0002, lora_rank: 16, lora_alpha: 32 },
    suffix: 'p',
    seed: undefined,
    adaptation: 'lora',
    contextLength: 567,
  });
});

test("without a token report the context length is the row's limit; a longer example is capped at it", () => {
  expect(preflight(localRun({ epochs: 1 }, undefined), NOW, openProvider).contextLength).toBe(8192);
  expect(preflight(localRun({ epochs: 1 }, 9000), NOW, openProvider).contextLength).toBe(8192);
});

test('a setting the provider lacks, and an adaptation the row does not offer, are refused with plain words', () => {
  expect(() => preflight(localRun({ epochs: 1, learningRateMultiplier: 2 }, 10), NOW, openProvider)).toThrow(
    /^Open has no learningRateMultiplier setting, and the pipeline's \.train\(\) sets learningRateMultiplier: 2\. Open takes epochs, batchSize, learningRate, loraRank, loraAlpha; learningRateMultiplier is taken by /,
  );
  // 'auto' asks for the provider's own choice: never refused.
  expect(preflight(localRun({ epochs: 'auto', learningRateMultiplier: 'auto' }, 10), NOW, openProvider).warnings).toEqual([]);
});

test("a row for existing customers only warns where the provider's table has rows open to new customers", () => {
  const closed = structuredClone(openProvider.table);
  closed.models['acme/qwen3-0.6b']!.newCustomers = false;
  closed.models['acme/other'] = { ...closed.models['acme/qwen3-0.6b']!, baseModel: 'acme/other', newCustomers: true };
  expect(preflight(localRun({ epochs: 1 }, 10), NOW, { ...openProvider, table: closed }).warnings).toEqual([
    "Open trains acme/qwen3-0.6b for existing customers only: a new customer's job is refused. `tuneset models --provider together` lists the models open to new customers",
  ]);
});
