import { describe, expect, it } from 'vitest';
import { tagMark } from '../../../src/providers/together/job-tag.js';
import { TogetherTrainer } from '../../../src/providers/together/together-trainer.js';
import type { JobRequest } from '../../../src/train/trainer.js';
import { chatJsonl } from '../fake/helpers.js';
import { startTogetherFake, trainerFor } from './helpers.js';

const tag = { runId: 'run-1', manifestSha256: 'b'.repeat(64), attempt: 1 };
const request = (o: Partial<JobRequest> = {}): JobRequest => ({
  model: 'openai/gpt-oss-20b',
  trainingFile: 'file-1',
  validationFile: undefined,
  method: 'supervised',
  hyperparameters: { n_epochs: 'auto' },
  suffix: undefined,
  seed: undefined,
  tag,
  adaptation: undefined,
  contextLength: undefined,
  ...o,
});

describe('Together: the POST /fine-tunes body', () => {
  it('DPO with a LoRA rank, an absolute learning rate, a batch size and a seed', () => {
    expect(
      TogetherTrainer.body(request({ method: 'dpo', hyperparameters: { n_epochs: 3, batch_size: 4, learning_rate: 2e-5, lora_rank: 16 }, seed: 7, contextLength: 2048 })),
    ).toEqual({
      model: 'openai/gpt-oss-20b',
      training_file: 'file-1',
      n_epochs: 3,
      batch_size: 4,
      learning_rate: 2e-5,
      n_checkpoints: 3,
      max_seq_length: 2048,
      random_seed: 7,
      suffix: tagMark(tag),
      training_method: { method: 'dpo' },
      training_type: { type: 'Lora', lora_r: 16, lora_alpha: 32 },
    });
  });

  it('full training says so; nothing set leaves Together its defaults (one epoch, max batch, LoRA)', () => {
    expect(TogetherTrainer.body(request({ adaptation: 'full' }))['training_type']).toEqual({ type: 'Full' });
    const plain = TogetherTrainer.body(request());
    expect(plain).not.toHaveProperty('training_type');
    expect(plain).not.toHaveProperty('n_epochs');
    expect(plain['batch_size']).toBe('max');
    expect(plain['n_checkpoints']).toBe(1);
  });

  it('the fake refuses what Together refuses: full training on a LoRA-only model, a suffix over 40 characters, an unknown model', async () => {
    const fake = await startTogetherFake();
    const { trainer } = trainerFor(fake);
    const file = await trainer.uploadFile('t.jsonl', Buffer.from(chatJsonl(12)));
    await expect(trainer.createJob(request({ trainingFile: file.id, adaptation: 'full' }))).rejects.toThrow(
      `Together POST ${fake.baseURL}/fine-tunes failed: 400 (the request was refused): Full training is not supported for openai/gpt-oss-20b`,
    );
    const long = { ...TogetherTrainer.body(request({ trainingFile: file.id })), suffix: 'x'.repeat(41) };
    const res = await fetch(`${fake.baseURL}/fine-tunes`, { method: 'POST', headers: { authorization: 'Bearer k', 'content-type': 'application/json' }, body: JSON.stringify(long) });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { message: "'suffix' must be a string of at most 40 characters", type: 'invalid_request_error', param: 'suffix', code: null } });
    await expect(trainer.createJob(request({ trainingFile: file.id, model: 'mistralai/Mistral-7B' }))).rejects.toThrow('400 (the request was refused): Model mistralai/Mistral-7B is not available for fine-tuning');
    expect(fake.state.jobs.size).toBe(0);
  });
});
