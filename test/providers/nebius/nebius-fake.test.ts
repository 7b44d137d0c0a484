import OpenAI, { toFile } from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeOpenAI, type FakeOpenAI } from '../../../src/providers/fake/index.js';
import { NEBIUS_ROUTES } from '../../../src/providers/nebius/fake-routes.js';
import { NEBIUS_TABLE } from '../../../src/providers/nebius/model-table.js';
import { chatJsonl } from '../fake/helpers.js';
import { NOW } from './run-fixture.js';

const MODEL = 'Qwen/Qwen3-4B';
let fake: FakeOpenAI | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const start = async () => {
  fake = await startFakeOpenAI({ now: NOW, routes: NEBIUS_ROUTES });
  const client = new OpenAI({ apiKey: 'k', baseURL: fake.baseURL, maxRetries: 0 });
  const file = await client.files.create({ file: await toFile(Buffer.from(chatJsonl(12)), 'train.jsonl'), purpose: 'fine-tune' });
  const post = async (body: unknown) => {
    const res = await fetch(`${fake!.baseURL}/fine_tuning/jobs`, { method: 'POST', headers: { authorization: 'Bearer k', 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  };
  return { fake, client, file, post };
};

describe("the fake's Nebius dialect", () => {
  it('answers a body that fails validation with a FastAPI 422 listing every problem', async () => {
    const { file, post } = await start();
    const r = await post({ model: MODEL, training_file: file.id, suffix: 'x'.repeat(65), hyperparameters: { learning_rate: 0, n_epochs: 1.5, lora: 'yes' } });
    expect(r).toEqual({
      status: 422,
      json: {
        detail: [
          { loc: ['body', 'suffix'], msg: 'String should have at most 64 characters', type: 'string_too_long', input: 'x'.repeat(65) },
          { loc: ['body', 'hyperparameters', 'learning_rate'], msg: 'Input should be greater than 0', type: 'greater_than', input: 0 },
          { loc: ['body', 'hyperparameters', 'n_epochs'], msg: 'Input should be a valid integer', type: 'int_type', input: 1.5 },
          { loc: ['body', 'hyperparameters', 'lora'], msg: 'Input should be a valid boolean', type: 'bool_type', input: 'yes' },
        ],
      },
    });
    expect((await post({})).json).toEqual({
      detail: [
        { loc: ['body', 'model'], msg: 'Field required', type: 'missing' },
        { loc: ['body', 'training_file'], msg: 'Field required', type: 'missing' },
      ],
    });
  });

  it("trains only Nebius' models, and lists only them", async () => {
    const { client, file, post } = await start();
    expect(await post({ model: 'gpt-4o-mini-2024-07-18', training_file: file.id })).toEqual({
      status: 400,
      json: { detail: `Model gpt-4o-mini-2024-07-18 is not available for fine-tuning. Fine-tunable models: ${Object.keys(NEBIUS_TABLE.models).join(', ')}` },
    });
    expect((await client.models.list()).data.map((m) => m.id).sort()).toEqual(Object.keys(NEBIUS_TABLE.models).sort());
  });

  it("shows Nebius' job object: flat hyperparameters with defaults, suffix, steps; no metadata, no fine_tuned_model; cancel", async () => {
    const { fake: f, file, post } = await start();
    const created = await post({ model: MODEL, training_file: file.id, suffix: 'mine', metadata: { ignored: 'yes' }, hyperparameters: { n_epochs: 1, batch_size: 4, lora: true } });
    expect(created.status).toBe(200);
    const job = created.json;
    expect(Object.keys(job).sort()).toEqual(
      ['created_at', 'error', 'estimated_finish', 'finished_at', 'hyperparameters', 'id', 'integrations', 'model', 'object', 'organization_id', 'result_files', 'seed', 'status', 'suffix', 'total_steps', 'trained_steps', 'trained_tokens', 'training_file', 'validation_file'].sort(),
    );
    expect(job).toMatchObject({ status: 'validating_files', suffix: 'mine', error: null, trained_steps: 0, total_steps: 3 });
    expect(job['hyperparameters']).toEqual({ batch_size: 4, learning_rate: 0.00001, n_epochs: 1, warmup_ratio: 0, weight_decay: 0, lora: true, lora_r: 8, lora_alpha: 8, lora_dropout: 0, packing: true, max_grad_norm: 1, context_length: 8192 });
    f.clock.advance(60 + 80);
    const running = (await (await fetch(`${f.baseURL}/fine_tuning/jobs/${job['id']}`, { headers: { authorization: 'Bearer k' } })).json()) as Record<string, unknown>;
    expect(running).toMatchObject({ status: 'running', trained_steps: 2 });
    const cancelled = (await (await fetch(`${f.baseURL}/fine_tuning/jobs/${job['id']}/cancel`, { method: 'POST', headers: { authorization: 'Bearer k' } })).json()) as Record<string, unknown>;
    expect(cancelled).toMatchObject({ id: job['id'], status: 'cancelled', suffix: 'mine', trained_steps: 2 });
    expect('metadata' in cancelled || 'fine_tuned_model' in cancelled).toBe(false);
    // There is no pause in Nebius' API.
    expect((await fetch(`${f.baseURL}/fine_tuning/jobs/${job['id']}/pause`, { method: 'POST', headers: { authorization: 'Bearer k' } })).status).toBe(404);
  });
});
