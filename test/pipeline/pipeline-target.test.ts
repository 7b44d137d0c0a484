import { expect, test } from 'vitest';
import { ConfigError } from '../../src/pipeline/errors.js';
import { pipeline } from '../../src/pipeline/pipeline.js';

test("a pipeline's target is provider:model split at the first colon; model: alone is an OpenAI model", () => {
  expect(pipeline('p', { target: 'together:Qwen/Qwen3-8B' }).from({} as never)).toMatchObject({ provider: 'together', model: 'Qwen/Qwen3-8B' });
  expect(pipeline('p', { target: 'openai:ft:gpt-4o-mini-2024-07-18:acme::x' }).from({} as never)).toMatchObject({ provider: 'openai', model: 'ft:gpt-4o-mini-2024-07-18:acme::x' });
  expect(pipeline('p', { model: 'gpt-4o-mini' }).from({} as never)).toMatchObject({ provider: 'openai', model: 'gpt-4o-mini' });
});

test('a target without a model, both target and model, or neither is refused with the option named', () => {
  expect(() => pipeline('p', { target: 'together' })).toThrow(new ConfigError('p', [{ path: 'target', message: 'expected provider:model (e.g. together:Qwen/Qwen3-8B), got "together"' }], { subject: 'pipeline "p"' }));
  expect(() => pipeline('p', { target: 'together:' })).toThrow(/option target: expected provider:model/);
  expect(() => pipeline('p', { target: 'local:Qwen/Qwen3-0.6B', model: 'gpt-4o' })).toThrow('pipeline "p": option target: declare target or model, not both (model: alone means an OpenAI model)');
  expect(() => pipeline('p', {})).toThrow('pipeline "p": option target: a target is required (provider:model, e.g. local:Qwen/Qwen3-0.6B), or model: for an OpenAI model');
});

test('.train() takes the settings of every provider: absolute learning rate, LoRA rank and alpha, adaptation', () => {
  const p = pipeline('p', { target: 'local:Qwen/Qwen3-0.6B' }).from({} as never).train({ learningRate: 1e-4, loraRank: 16, loraAlpha: 32, adaptation: 'lora' });
  expect(p.training).toEqual({ epochs: 'auto', learningRate: 1e-4, loraRank: 16, loraAlpha: 32, adaptation: 'lora' });
  expect(() => pipeline('p', { model: 'gpt-4o' }).from({} as never).train({ adaptation: 'qlora' as never })).toThrow(/train\.adaptation/);
  expect(() => pipeline('p', { model: 'gpt-4o' }).from({} as never).train({ learningRate: 2 })).toThrow(/train\.learningRate/);
});
