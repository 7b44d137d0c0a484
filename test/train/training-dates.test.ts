import { describe, expect, it } from 'vitest';
import type { ProviderModelTable } from '../../src/providers/model-entry.js';
import { lookupModel } from '../../src/providers/model-lookup.js';
import { alternativesText, trainingDates } from '../../src/train/training-dates.js';

const row = (over: Partial<ProviderModelTable['models'][string]>): ProviderModelTable['models'][string] => ({
  baseModel: null, tokenizer: 'qwen3', tokenLimit: 8192, methods: ['supervised'], adaptations: ['lora'],
  trainingPricePerMTokens: null, baseInputPricePerMTokens: null, baseOutputPricePerMTokens: null,
  fineTunedInputPricePerMTokens: null, fineTunedOutputPricePerMTokens: null,
  shutdownDate: null, newJobsEndDate: null, newCustomers: true, aliases: [], ...over,
});
const table = (provider: string, models: ProviderModelTable['models']): ProviderModelTable => ({ provider, asOf: '2026-12-01', sources: {}, models });

// A world where on 2027-01-07 Together has two open models, Azure only rows for existing customers,
// Fireworks one model whose new jobs ended, and local one model.
const TABLES = {
  openai: table('openai', { 'gpt-x': row({ newJobsEndDate: '2027-01-06', newCustomers: false }) }),
  azure: table('azure', { 'gpt-x': row({ newCustomers: false }) }),
  together: table('together', { a: row({}), b: row({ shutdownDate: '2027-02-01' }), c: row({ shutdownDate: '2027-01-07' }) }),
  fireworks: table('fireworks', { d: row({ newJobsEndDate: '2027-01-01' }) }),
  local: table('local', { e: row({}) }),
};
const JAN_7 = new Date('2027-01-07T00:00:00Z');

describe('alternativesText', () => {
  it('names the providers with a model a new customer may start a job on that day, with counts, from the tables', () => {
    expect(alternativesText(JAN_7, 'openai', TABLES)).toBe(
      'Providers that take new jobs on 2027-01-07: together (2 models), local (1 model, trained with an open trainer through tuneset export). ' +
        'See `tuneset models`, then build for one with `tuneset run <pipeline> --target <provider>:<model>`.',
    );
  });

  it('says so when no table has one', () => {
    expect(alternativesText(JAN_7, 'openai', { openai: TABLES.openai, fireworks: TABLES.fireworks })).toBe("No provider's table has a model that takes new jobs on 2027-01-07.");
  });
});

describe('trainingDates', () => {
  it("refuses OpenAI after its end of new jobs, naming its label and the alternatives in the registry's tables", () => {
    const model = lookupModel('openai', 'gpt-4o-mini');
    expect(trainingDates(model, JAN_7)).toEqual({
      errors: [`OpenAI accepts no new fine-tuning jobs since 2027-01-06. ${alternativesText(JAN_7, 'openai')}`],
      warnings: ['gpt-4o-mini-2024-07-18 shuts down on 2027-01-14 (in 7 days), and every fine-tune built on it with it'],
    });
  });

  it('a local model has no dates', () => {
    expect(trainingDates(lookupModel('local', 'Qwen/Qwen3-0.6B'), new Date('2040-01-01T00:00:00Z'))).toEqual({ errors: [], warnings: [] });
  });
});
