import { expect, test } from 'vitest';
import { AZURE_TABLE, GLOBAL_TRAINING_ONLY } from '../../../src/providers/azure/model-table.js';
import { NEBIUS_TABLE } from '../../../src/providers/nebius/model-table.js';
import { OPENAI_TABLE } from '../../../src/providers/openai/model-table.js';
import { isTokenizerId } from '../../../src/tokenizers/tokenizer-specs.js';

test('every Azure and Nebius row names a tokenizer src/tokenizers has', () => {
  for (const table of [AZURE_TABLE, NEBIUS_TABLE]) {
    for (const [name, row] of Object.entries(table.models)) expect(isTokenizerId(row.tokenizer), `${table.provider} ${name}: ${row.tokenizer}`).toBe(true);
  }
});

test("Azure: open models for new customers, Global training only; OpenAI's snapshots for existing customers only, without OpenAI's own dates", () => {
  const open = Object.entries(AZURE_TABLE.models).filter(([name]) => !Object.hasOwn(OPENAI_TABLE.models, name));
  expect(open.map(([name]) => name)).toEqual(['Ministral-3B', 'Qwen-32B', 'Llama-3.3-70B-Instruct', 'gpt-oss-20b']);
  for (const [name, row] of open) {
    expect(row, name).toMatchObject({ newCustomers: true, methods: ['supervised'], newJobsEndDate: null, shutdownDate: null });
    expect(GLOBAL_TRAINING_ONLY.has(name), name).toBe(true);
  }
  const openai = Object.entries(AZURE_TABLE.models).filter(([name]) => Object.hasOwn(OPENAI_TABLE.models, name));
  expect(openai.map(([name]) => name).sort()).toEqual(
    ['gpt-4.1-2025-04-14', 'gpt-4.1-mini-2025-04-14', 'gpt-4.1-nano-2025-04-14', 'gpt-4o-2024-08-06', 'gpt-4o-mini-2024-07-18', 'o4-mini-2025-04-16'].sort(),
  );
  for (const [name, row] of openai) {
    expect(row, name).toMatchObject({ newCustomers: false, newJobsEndDate: null, shutdownDate: null, tokenLimit: OPENAI_TABLE.models[name]!.tokenLimit });
    // OpenAI's prices are not Azure's, and Azure's were not read.
    expect(row.trainingPricePerMTokens, name).toBeNull();
    expect(GLOBAL_TRAINING_ONLY.has(name), name).toBe(false);
  }
  // Microsoft's table: gpt-4o-mini is SFT only on Azure (DPO on OpenAI), o4-mini RFT only.
  expect(AZURE_TABLE.models['gpt-4o-mini-2024-07-18']!.methods).toEqual(['supervised']);
  expect(AZURE_TABLE.models['o4-mini-2025-04-16']!.methods).toEqual(['reinforcement']);
});

test('Nebius: supervised rows with LoRA, at the documented default context length', () => {
  expect(Object.keys(NEBIUS_TABLE.models)).toEqual(['meta-llama/Meta-Llama-3.1-8B-Instruct', 'meta-llama/Llama-3.3-70B-Instruct', 'Qwen/Qwen3-4B']);
  for (const [name, row] of Object.entries(NEBIUS_TABLE.models)) {
    expect(row, name).toMatchObject({ methods: ['supervised'], tokenLimit: 8192, newCustomers: true, newJobsEndDate: null });
    expect(row.adaptations, name).toContain('lora');
    expect(NEBIUS_TABLE.sources[name], name).toBeTruthy();
  }
});
